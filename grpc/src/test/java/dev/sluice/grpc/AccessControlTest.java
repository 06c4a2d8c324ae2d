package dev.sluice.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.grpc.ChannelCredentials;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closed to strangers: TLS, mutual TLS, bearer tokens and per-route, per-direction authorization.
 * Every refusal is a {@link RemoteChannelException} with a specific gRPC code from the factory, and
 * not a single message moves; credentials never appear in logs or exception messages.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessControlTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOST = "127.0.0.1";
    private static final String WORKER_TOKEN = "worker-secret-7f3a9c";
    private static final String REPORTER_TOKEN = "reporter-secret-d41e02";
    private static final String WRONG_TOKEN = "guessed-secret-000000";

    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued serverCert;
    private static TestCertificates.Issued workerCert;
    private static TestCertificates.Issued rogueCa;
    private static TestCertificates.Issued intruderCert;

    private static final List<LogRecord> LOGS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGS.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /*
     * Every record published at the levels a deployment runs with (gRPC and Netty at their
     * defaults, INFO and above) and everything this module logs. Not gRPC's HTTP/2 frame logger
     * at FINE: it dumps every header, the authorization header included (see docs/remote.md).
     */
    private static final Logger WATCHED = Logger.getLogger("dev.sluice");
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private Channel<String> jobs;
    private Channel<String> results;

    @BeforeAll
    static void certificatesAndLogs() throws Exception {
        ca = TestCertificates.authority("sluice test CA");
        serverCert = TestCertificates.server(ca);
        workerCert = TestCertificates.client(ca, "worker-1");
        rogueCa = TestCertificates.authority("rogue CA");
        intruderCert = TestCertificates.client(rogueCa, "worker-1");   // same name, untrusted issuer
        Logger.getLogger("").addHandler(CAPTURE);
        WATCHED.setLevel(Level.ALL);
    }

    @AfterAll
    static void stopCapture() {
        Logger.getLogger("").removeHandler(CAPTURE);
        WATCHED.setLevel(null);
    }

    @BeforeEach
    void channels() throws Exception {
        jobs = Channel.bounded(8);
        results = Channel.bounded(8);
        for (int i = 0; i < 3; i++) {
            jobs.sender().send("job " + i);
        }
    }

    /** TLS (server certificate only), bearer tokens, grants: worker-1 receives jobs, reporter sends results. */
    private ChannelServer tokenServer() throws Exception {
        return ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .accept("jobs", jobs.sender(), Codec.utf8())
                .accept("results", results.sender(), Codec.utf8())
                .credentials(TlsServerCredentials.newBuilder()
                        .keyManager(serverCert.certificateStream(), serverCert.privateKeyStream()).build())
                .authenticate(Authenticator.bearerTokens(Map.of("worker-1", WORKER_TOKEN, "reporter", REPORTER_TOKEN)))
                .authorize(Authorizer.rules()
                        .allow("worker-1", Direction.RECEIVE, "jobs")
                        .allow("reporter", Direction.SEND, "results")
                        .build())
                .bind(0);
    }

    private static ChannelCredentials trustingTheCa() throws Exception {
        return TlsChannelCredentials.newBuilder().trustManager(ca.certificateStream()).build();
    }

    private static RemoteOptions tls(String token) throws Exception {
        RemoteOptions o = RemoteOptions.defaults().withCredentials(trustingTheCa());
        return token == null ? o : o.withCallCredentials(BearerToken.of(token));
    }

    private RemoteChannelException refused(Status.Code expected, Supplier<AutoCloseable> open) {
        RemoteChannelException e = assertThrows(RemoteChannelException.class, open::get);
        failures.add(e);
        assertEquals(expected, e.code(), e::getMessage);
        return e;
    }

    private void nothingMoved(ChannelServer server) {
        assertEquals(0, server.sent("jobs"), "messages taken from 'jobs'");
        assertEquals(3, jobs.sender().len(), "'jobs' still holds its messages");
        assertEquals(0, server.received("jobs"), "messages put into 'jobs'");
        assertEquals(0, server.received("results"), "messages put into 'results'");
        assertEquals(0, results.sender().len());
        assertEquals(0, server.subscribers("jobs"));
    }

    @Test
    @DisplayName("a client without credentials is refused with UNAUTHENTICATED and no message moves")
    void no_credentials_refused() throws Exception {
        try (ChannelServer server = tokenServer()) {
            RemoteOptions anonymous = tls(null);
            RemoteChannelException e = refused(Status.Code.UNAUTHENTICATED,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), anonymous));
            assertTrue(e.getMessage().contains("no valid credentials to receive from route 'jobs'"), e.getMessage());
            refused(Status.Code.UNAUTHENTICATED,
                    () -> RemoteChannels.sender(HOST, server.port(), "results", Codec.utf8(), 4, null, anonymous));
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("a client with a wrong token is refused with UNAUTHENTICATED and no message moves")
    void wrong_token_refused() throws Exception {
        try (ChannelServer server = tokenServer()) {
            RemoteOptions wrong = tls(WRONG_TOKEN);
            refused(Status.Code.UNAUTHENTICATED,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), wrong));
            refused(Status.Code.UNAUTHENTICATED,
                    () -> RemoteChannels.sender(HOST, server.port(), "results", Codec.utf8(), 4, null, wrong));
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("a route or direction not granted is refused with PERMISSION_DENIED and no message moves")
    void forbidden_route_or_direction_refused() throws Exception {
        try (ChannelServer server = tokenServer()) {
            RemoteOptions worker = tls(WORKER_TOKEN);
            RemoteOptions reporter = tls(REPORTER_TOKEN);
            RemoteChannelException send = refused(Status.Code.PERMISSION_DENIED,
                    () -> RemoteChannels.sender(HOST, server.port(), "jobs", Codec.utf8(), 4, null, worker));
            assertTrue(send.getMessage().contains("'worker-1' may not send to route 'jobs'"), send.getMessage());
            refused(Status.Code.PERMISSION_DENIED,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), reporter));
            // A route that does not exist is refused as forbidden too: strangers learn no route names.
            refused(Status.Code.PERMISSION_DENIED,
                    () -> RemoteChannels.receiver(HOST, server.port(), "secret-route", 4, Codec.utf8(), worker));
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("granted streams work: worker-1 receives jobs, reporter sends results")
    void granted_streams_work() throws Exception {
        try (ChannelServer server = tokenServer();
             Receiver<String> rx = RemoteChannels.receiver(HOST, server.port(), "jobs", 1, Codec.utf8(), tls(WORKER_TOKEN));
             Sender<String> tx = RemoteChannels.sender(HOST, server.port(), "results", Codec.utf8(), 4, null,
                     tls(REPORTER_TOKEN))) {
            assertEquals("job 0", rx.recvTimeout(WAIT).value());
            tx.send("done 0");
            assertEquals("done 0", results.receiver().recvTimeout(WAIT).value());
        }
    }

    @Test
    @DisplayName("a plaintext client against a TLS server fails clearly (UNAVAILABLE) and no message moves")
    void plaintext_client_against_tls_server_fails() throws Exception {
        try (ChannelServer server = tokenServer()) {
            RemoteChannelException e = refused(Status.Code.UNAVAILABLE,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8()));
            assertTrue(e.getMessage().contains(HOST + ":" + server.port()), e.getMessage());
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("a bearer token is never sent over plaintext: the client refuses to send it")
    void token_withheld_over_plaintext() throws Exception {
        List<PresentedCredentials> seen = new CopyOnWriteArrayList<>();
        try (ChannelServer server = ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .authenticate(c -> {
                    seen.add(c);
                    return null;
                })
                .bind(0)) {
            RemoteOptions plaintextWithToken = RemoteOptions.defaults().withCallCredentials(BearerToken.of(WORKER_TOKEN));
            RemoteChannelException e = refused(Status.Code.UNAUTHENTICATED,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), plaintextWithToken));
            assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
            assertTrue(seen.stream().allMatch(c -> c.bearerToken().isEmpty()), "the server never saw a token");
            assertEquals(0, server.sent("jobs"));
        }
    }

    /** Mutual TLS: the server trusts only the test CA and requires a client certificate. */
    private ChannelServer mutualTlsServer() throws Exception {
        return ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .accept("jobs", jobs.sender(), Codec.utf8())
                .accept("results", results.sender(), Codec.utf8())
                .credentials(TlsServerCredentials.newBuilder()
                        .keyManager(serverCert.certificateStream(), serverCert.privateKeyStream())
                        .trustManager(ca.certificateStream())
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                        .build())
                .authenticate(Authenticator.clientCertificate())
                .authorize(Authorizer.rules().allow("CN=worker-1", Direction.RECEIVE, "jobs").build())
                .bind(0);
    }

    private static RemoteOptions withClientCertificate(TestCertificates.Issued cert) throws Exception {
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(ca.certificateStream());
        if (cert != null) {
            b.keyManager(cert.certificateStream(), cert.privateKeyStream());
        }
        return RemoteOptions.defaults().withCredentials(b.build());
    }

    @Test
    @DisplayName("mutual TLS: a trusted client certificate is the principal; its grants apply")
    void mutual_tls_trusted_certificate() throws Exception {
        try (ChannelServer server = mutualTlsServer();
             Receiver<String> rx = RemoteChannels.receiver(HOST, server.port(), "jobs", 1, Codec.utf8(),
                     withClientCertificate(workerCert))) {
            assertEquals("job 0", rx.recvTimeout(WAIT).value());
            RemoteOptions worker = withClientCertificate(workerCert);
            refused(Status.Code.PERMISSION_DENIED,
                    () -> RemoteChannels.sender(HOST, server.port(), "jobs", Codec.utf8(), 4, null, worker));
        }
    }

    @Test
    @DisplayName("mutual TLS: an untrusted client certificate or none is refused at the handshake and no message moves")
    void mutual_tls_untrusted_certificate_refused() throws Exception {
        try (ChannelServer server = mutualTlsServer()) {
            RemoteOptions intruder = withClientCertificate(intruderCert);
            RemoteChannelException e = refused(Status.Code.UNAVAILABLE,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), intruder));
            assertNotNull(e.getCause());
            refused(Status.Code.UNAVAILABLE,
                    () -> RemoteChannels.sender(HOST, server.port(), "results", Codec.utf8(), 4, null, intruder));
            RemoteOptions noCertificate = withClientCertificate(null);
            refused(Status.Code.UNAVAILABLE,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), noCertificate));
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("a client that does not trust the server's certificate refuses to connect")
    void untrusted_server_certificate_refused() throws Exception {
        try (ChannelServer server = tokenServer()) {
            RemoteOptions trustsRogue = RemoteOptions.defaults()
                    .withCredentials(TlsChannelCredentials.newBuilder().trustManager(rogueCa.certificateStream()).build())
                    .withCallCredentials(BearerToken.of(WORKER_TOKEN));
            refused(Status.Code.UNAVAILABLE,
                    () -> RemoteChannels.receiver(HOST, server.port(), "jobs", 4, Codec.utf8(), trustsRogue));
            nothingMoved(server);
        }
    }

    @Test
    @DisplayName("credentials never appear in logs, exception messages or toString")
    void credentials_never_in_logs_or_messages() throws Exception {
        LOGS.clear();
        wrong_token_refused();
        channels();
        no_credentials_refused();
        channels();
        forbidden_route_or_direction_refused();
        channels();
        token_withheld_over_plaintext();
        channels();
        untrusted_server_certificate_refused();
        assertFalse(failures.isEmpty());
        StringBuilder everything = new StringBuilder();
        for (Throwable t : failures) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            everything.append(w);
        }
        for (LogRecord r : LOGS) {
            everything.append(r.getMessage()).append(' ');
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    everything.append(p).append(' ');
                }
            }
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                everything.append(w);
            }
        }
        everything.append(BearerToken.of(WORKER_TOKEN)).append(tls(WORKER_TOKEN))
                .append(new PresentedCredentials(WORKER_TOKEN, null));
        String all = everything.toString();
        for (String secret : List.of(WORKER_TOKEN, REPORTER_TOKEN, WRONG_TOKEN)) {
            assertFalse(all.contains(secret), "a credential leaked: " + secret.substring(0, 6) + "...");
        }
        assertTrue(all.contains("UNAUTHENTICATED") && all.contains("PERMISSION_DENIED"), "the refusals were captured");
        for (LogRecord r : LOGS) {
            assertTrue(r.getLevel().intValue() < Level.WARNING.intValue(),
                    () -> "a refusal is the client's answer, not a server warning: " + r.getLevel() + " " + r.getMessage());
        }
    }
}
