package dev.sluice.rsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.transport.netty.client.TcpClientTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.netty.tcp.TcpClient;

/**
 * Closed to strangers: TLS, mutual TLS, bearer tokens in the SETUP frame, per-route/direction
 * authorization and the loopback default. Every refusal is checked to be clear (a specific
 * exception whose message says what to change) and to move nothing: the served channel keeps its
 * messages, the server counts none sent or received, and no stream is open. Certificates are
 * generated in memory at test time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessControlTest {
    private static final String HOST = "127.0.0.1";
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final String WORKER_TOKEN = "worker-" + UUID.randomUUID();
    private static final String REPORTER_TOKEN = "reporter-" + UUID.randomUUID();
    private static final String WRONG_TOKEN = "wrong-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(WORKER_TOKEN, REPORTER_TOKEN, WRONG_TOKEN);

    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued serverCert;
    private static TestCertificates.Issued clientCert;
    private static TestCertificates.Issued strangerCert;       // signed by a CA the server does not trust
    private static TestCertificates.Issued otherCa;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.authority("sluice test CA");
        serverCert = TestCertificates.server(ca);
        clientCert = TestCertificates.client(ca, "worker-1");
        otherCa = TestCertificates.authority("stranger CA");
        strangerCert = TestCertificates.client(otherCa, "worker-1");
    }

    // ==== Fixtures ====

    /** A server with "jobs" (served, 3 messages waiting) and "results" (accepted, empty). */
    private static final class Fixture implements AutoCloseable {
        final Channel<String> jobs = Channel.bounded(8);
        final Channel<String> results = Channel.bounded(8);
        final ChannelServer server;

        Fixture(SslContext tls) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                jobs.sender().send("job " + i);
            }
            server = ChannelServer.builder()
                    .serve("jobs", jobs.receiver(), Codec.utf8())
                    .accept("results", results.sender(), Codec.utf8())
                    .tls(tls)
                    .authenticate(Authenticator.bearerTokens(Map.of("worker-1", WORKER_TOKEN, "reporter", REPORTER_TOKEN)))
                    .authorize(Authorizer.rules()
                            .allow("worker-1", Direction.RECEIVE, "jobs")
                            .allow("worker-1", Direction.SEND, "results")
                            .allow("reporter", Direction.SEND, "results")
                            .build())
                    .bind(HOST, 0);
        }

        /** Nothing moved: the jobs are all still in their channel, no result arrived, no stream is open. */
        void assertNothingMoved() {
            assertEquals(3, jobs.sender().len(), "served channel still holds its messages");
            assertEquals(0L, server.sent("jobs"), "nothing sent from the served route");
            assertEquals(0, results.receiver().len(), "accepted channel received nothing");
            assertEquals(0L, server.received("results"), "nothing received on the accepted route");
            assertEquals(0, server.subscribers("jobs"));
            assertEquals(0, server.senders("results"));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static SslContext serverTls() throws Exception {
        return SslContextBuilder.forServer(serverCert.keys().getPrivate(), serverCert.certificate()).build();
    }

    private static SslContext mutualServerTls() throws Exception {
        return SslContextBuilder.forServer(serverCert.keys().getPrivate(), serverCert.certificate())
                .trustManager(ca.certificate()).clientAuth(ClientAuth.REQUIRE).build();
    }

    private static SslContext clientTls(TestCertificates.Issued trusted, TestCertificates.Issued mine) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().trustManager(trusted.certificate());
        if (mine != null) {
            b.keyManager(mine.keys().getPrivate(), mine.certificate());
        }
        return b.build();
    }

    private static RemoteOptions options(SslContext tls, String token) {
        RemoteOptions o = RemoteOptions.defaults().withConnectTimeout(CONNECT);
        if (tls != null) {
            o = o.withTls(tls);
        }
        return token == null ? o : o.withBearerToken(BearerToken.of(token));
    }

    private static Receiver<String> receiver(Fixture f, String route, RemoteOptions o) {
        return RemoteChannels.receiver(HOST, f.server.port(), route, 4, Codec.utf8(), o);
    }

    private static Sender<String> sender(Fixture f, String route, RemoteOptions o) {
        return RemoteChannels.sender(HOST, f.server.port(), route, Codec.utf8(), 4, null, o);
    }

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "a token leaked into: " + text);
        }
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // ==== Tests ====

    @Test
    @DisplayName("an authorized client over TLS with its bearer token receives from and sends to its granted routes")
    void authorized_client_receives_and_sends() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions o = options(clientTls(ca, null), WORKER_TOKEN);
            try (Receiver<String> rx = receiver(f, "jobs", o); Sender<String> tx = sender(f, "results", o)) {
                assertEquals("job 0", rx.recvTimeout(Duration.ofSeconds(10)).value());
                tx.send("done");
                assertEquals("done", f.results.receiver().recvTimeout(Duration.ofSeconds(10)).value());
            }
        }
    }

    @Test
    @DisplayName("mutual TLS: a client with a certificate from the trusted CA and a token is accepted")
    void mutual_tls_with_a_trusted_certificate_is_accepted() throws Exception {
        try (Fixture f = new Fixture(mutualServerTls());
             Receiver<String> rx = receiver(f, "jobs", options(clientTls(ca, clientCert), WORKER_TOKEN))) {
            assertEquals("job 0", rx.recvTimeout(Duration.ofSeconds(10)).value());
        }
    }

    @Test
    @DisplayName("mutual TLS: clientCertificate() makes the verified certificate's subject the principal; no certificate is refused")
    void client_certificate_subject_is_the_principal() throws Exception {
        Channel<String> jobs = Channel.bounded(4);
        jobs.sender().send("job 0");
        SslContext optionalClientAuth = SslContextBuilder.forServer(serverCert.keys().getPrivate(), serverCert.certificate())
                .trustManager(ca.certificate()).clientAuth(ClientAuth.OPTIONAL).build();
        try (ChannelServer server = ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .tls(optionalClientAuth)
                .authenticate(Authenticator.clientCertificate())
                .authorize(Authorizer.rules().allow("CN=worker-1", Direction.RECEIVE, "jobs").build())
                .bind(0)) {
            RemoteOptions none = options(clientTls(ca, null), null);
            RemoteAccessException e = assertThrows(RemoteAccessException.class,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 1, Codec.utf8(), none));
            assertTrue(e.getMessage().contains("not authenticated"), e.getMessage());
            assertEquals(1, jobs.sender().len());
            assertEquals(0L, server.sent("jobs"));
            for (int i = 0; i < 10; i++) {               // a chain never carries over to the next connection
                RemoteChannels.receiver(HOST, server.port(), "jobs", 0, Codec.utf8(),
                        options(clientTls(ca, clientCert), null)).close();
                assertThrows(RemoteAccessException.class,
                        () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 0, Codec.utf8(), none));
            }
            try (Receiver<String> rx = RemoteChannels.receiver(HOST, server.port(), "jobs", 1, Codec.utf8(),
                    options(clientTls(ca, clientCert), null))) {
                assertEquals("job 0", rx.recvTimeout(Duration.ofSeconds(10)).value());
            }
        }
    }

    @Test
    @DisplayName("a client without credentials is refused at setup, with a message naming what to add; nothing moves")
    void no_credentials_is_refused() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions o = options(clientTls(ca, null), null);
            RemoteAccessException rx = assertThrows(RemoteAccessException.class, () -> receiver(f, "jobs", o));
            RemoteAccessException tx = assertThrows(RemoteAccessException.class, () -> sender(f, "results", o));
            for (RemoteAccessException e : List.of(rx, tx)) {
                assertTrue(e.getMessage().contains("none were presented"), e.getMessage());
                assertTrue(e.getMessage().contains("withBearerToken"), e.getMessage());
            }
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a client with a wrong token is refused at setup; nothing moves")
    void wrong_token_is_refused() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions o = options(clientTls(ca, null), WRONG_TOKEN);
            RemoteAccessException rx = assertThrows(RemoteAccessException.class, () -> receiver(f, "jobs", o));
            RemoteAccessException tx = assertThrows(RemoteAccessException.class, () -> sender(f, "results", o));
            for (RemoteAccessException e : List.of(rx, tx)) {
                assertTrue(e.getMessage().contains("not accepted"), e.getMessage());
                assertNoSecret(trace(e));
            }
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a route or direction not granted is refused before the stream starts, naming principal, route and direction")
    void route_or_direction_not_granted_is_refused() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions worker = options(clientTls(ca, null), WORKER_TOKEN);
            RemoteOptions reporter = options(clientTls(ca, null), REPORTER_TOKEN);
            RemoteAccessException sendToJobs = assertThrows(RemoteAccessException.class, () -> sender(f, "jobs", worker));
            assertTrue(sendToJobs.getMessage().contains("'worker-1' may not send to route 'jobs'"), sendToJobs.getMessage());
            RemoteAccessException receiveResults = assertThrows(RemoteAccessException.class,
                    () -> receiver(f, "results", worker));
            assertTrue(receiveResults.getMessage().contains("may not receive from route 'results'"));
            RemoteAccessException reporterJobs = assertThrows(RemoteAccessException.class,
                    () -> receiver(f, "jobs", reporter));
            assertTrue(reporterJobs.getMessage().contains("'reporter' may not receive from route 'jobs'"));
            RemoteAccessException unknown = assertThrows(RemoteAccessException.class,
                    () -> receiver(f, "secret-route", reporter));      // refused before the lookup: no route names leak
            assertFalse(unknown.getMessage().contains("jobs"), unknown.getMessage());
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a client that skips the access question still cannot open a stream it is not granted")
    void streams_are_authorized_even_without_the_question() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RSocket raw = RSocketConnector.create()
                    .metadataMimeType(Routing.METADATA_MIME_TYPE)
                    .setupPayload(Access.setupPayload(BearerToken.of(REPORTER_TOKEN)))
                    .connect(TcpClientTransport.create(TcpClient.create().host(HOST).port(f.server.port())
                            .secure(spec -> spec.sslContext(uncheckedClientTls()))))
                    .block(CONNECT);
            assertNotNull(raw);
            try {
                Throwable e = assertThrows(RuntimeException.class, () -> raw.requestStream(Routing.payload(new byte[0], "jobs"))
                        .blockFirst(Duration.ofSeconds(10)));
                CustomRSocketException denied = assertInstanceOf(CustomRSocketException.class, e);
                assertEquals(Access.ACCESS_DENIED, denied.errorCode());
                f.assertNothingMoved();
            } finally {
                raw.dispose();
            }
        }
    }

    private static SslContext uncheckedClientTls() {
        try {
            return clientTls(ca, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("mutual TLS: a client certificate from an untrusted CA, or none, fails the handshake clearly; nothing moves")
    void untrusted_client_certificate_is_refused() throws Exception {
        try (Fixture f = new Fixture(mutualServerTls())) {
            for (TestCertificates.Issued mine : new TestCertificates.Issued[] {strangerCert, null}) {
                RemoteOptions o = options(clientTls(ca, mine), WORKER_TOKEN);
                RemoteChannelException rx = assertThrows(RemoteChannelException.class, () -> receiver(f, "jobs", o));
                RemoteChannelException tx = assertThrows(RemoteChannelException.class, () -> sender(f, "results", o));
                for (RemoteChannelException e : List.of(rx, tx)) {
                    assertFalse(e instanceof RemoteAccessException, "a TLS refusal, not an authorization one");
                    // TLS 1.3: the client's handshake completes before the server checks its certificate,
                    // so the client sees either the alert or the connection closing right after it
                    assertTrue(e.getMessage().contains("TLS failed") || e.getMessage().contains("mutual TLS"),
                            e.getMessage());
                    assertTrue(e.getMessage().contains("certificate"), e.getMessage());
                }
            }
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a client that does not trust the server's certificate fails the handshake and presents nothing")
    void untrusted_server_certificate_fails_the_client() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions o = options(clientTls(otherCa, null), WORKER_TOKEN);
            RemoteChannelException e = assertThrows(RemoteChannelException.class, () -> receiver(f, "jobs", o));
            assertTrue(e.getMessage().contains("TLS failed"), e.getMessage());
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a plaintext client against a TLS server fails clearly within the connect timeout, not a hang")
    void plaintext_client_against_tls_server_fails_clearly() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteOptions o = options(null, null);
            RemoteChannelException e = assertTimeoutPreemptively(CONNECT.plusSeconds(5),
                    () -> assertThrows(RemoteChannelException.class, () -> receiver(f, "jobs", o)));
            assertTrue(e.getMessage().contains("RemoteOptions.withTls"), e.getMessage());
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("a bearer token is never sent over plaintext: the factory refuses before connecting")
    void bearer_token_is_withheld_without_tls() throws Exception {
        try (Fixture f = new Fixture(serverTls())) {
            RemoteChannelException e = assertThrows(RemoteChannelException.class,
                    () -> receiver(f, "jobs", options(null, WORKER_TOKEN)));
            assertTrue(e.getMessage().contains("bearer token withheld"), e.getMessage());
            assertNoSecret(trace(e));
            f.assertNothingMoved();
        }
    }

    @Test
    @DisplayName("credentials appear in no exception message, stack trace, toString or log line of refused and accepted clients")
    void credentials_never_appear_in_messages_or_logs() throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<Throwable> failures = new ArrayList<>();
        System.setErr(capture);
        System.setOut(capture);
        try (Fixture f = new Fixture(serverTls())) {
            List<Supplier<AutoCloseable>> attempts = List.of(
                    () -> receiver(f, "jobs", options(uncheckedClientTls(), WRONG_TOKEN)),
                    () -> sender(f, "jobs", options(uncheckedClientTls(), WORKER_TOKEN)),
                    () -> receiver(f, "jobs", options(uncheckedClientTls(), REPORTER_TOKEN)),
                    () -> receiver(f, "jobs", options(null, WORKER_TOKEN)));
            for (Supplier<AutoCloseable> attempt : attempts) {
                failures.add(assertThrows(RemoteChannelException.class, attempt::get));
            }
            try (Receiver<String> rx = receiver(f, "jobs", options(uncheckedClientTls(), WORKER_TOKEN))) {
                assertEquals("job 0", rx.recvTimeout(Duration.ofSeconds(10)).value());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        for (Throwable t : failures) {
            assertNoSecret(trace(t));
        }
        assertNoSecret(captured.toString(StandardCharsets.UTF_8));
        assertNoSecret(options(uncheckedClientTls(), WORKER_TOKEN).toString());
        assertNoSecret(BearerToken.of(WORKER_TOKEN).toString());
        assertNoSecret(new PresentedCredentials(WORKER_TOKEN, null).toString());
    }

    @Test
    @DisplayName("bind(port) listens on loopback; a non-loopback bind needs TLS and authentication or an explicit allowInsecure()")
    void loopback_by_default_and_secure_for_the_network() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.utf8()).bind(0)) {
            assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
        }
        IllegalStateException plain = assertThrows(IllegalStateException.class,
                () -> ChannelServer.builder().bind("0.0.0.0", 0));
        assertTrue(plain.getMessage().contains("without TLS and authentication"), plain.getMessage());
        IllegalStateException noAuth = assertThrows(IllegalStateException.class,
                () -> ChannelServer.builder().tls(serverTls()).bind("0.0.0.0", 0));
        assertTrue(noAuth.getMessage().contains("without authentication"), noAuth.getMessage());
        try (ChannelServer secured = ChannelServer.builder().tls(serverTls())
                .authenticate(Authenticator.bearerTokens(Map.of("w", WORKER_TOKEN))).bind("0.0.0.0", 0);
             ChannelServer trusted = ChannelServer.builder().allowInsecure().bind("0.0.0.0", 0)) {
            assertTrue(secured.port() > 0);
            assertTrue(trusted.port() > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelServer.builder().tls(uncheckedClientTls()));
        assertThrows(IllegalArgumentException.class, () -> RemoteOptions.defaults().withTls(serverTls()));
    }
}
