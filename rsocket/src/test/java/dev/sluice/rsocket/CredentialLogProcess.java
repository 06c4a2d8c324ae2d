package dev.sluice.rsocket;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * A child JVM for {@link AccessLogTest}: logs everything at DEBUG (slf4j-simple, configured here
 * before the first logger exists) except rsocket's frame dump, runs a TLS server with bearer
 * tokens and, against it, refused clients (no token, the wrong token, a route not granted, a
 * plaintext client, a token without TLS) and one accepted client, printing each refusal's stack
 * trace; then prints "DONE". Args: the accepted token, the wrong token.
 */
final class CredentialLogProcess {
    private CredentialLogProcess() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.io.rsocket.FrameLogger", "info");   // see docs/remote.md
        String token = args[0];
        String wrong = args[1];
        TestCertificates.Issued ca = TestCertificates.authority("log test CA");
        TestCertificates.Issued cert = TestCertificates.server(ca);
        SslContext serverTls = SslContextBuilder.forServer(cert.keys().getPrivate(), cert.certificate()).build();
        SslContext clientTls = SslContextBuilder.forClient().trustManager(ca.certificate()).build();
        Channel<String> jobs = Channel.bounded(4);
        jobs.sender().send("job");
        Channel<String> results = Channel.bounded(4);
        try (ChannelServer server = ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .accept("results", results.sender(), Codec.utf8())
                .tls(serverTls)
                .authenticate(Authenticator.bearerTokens(Map.of("worker-1", token)))
                .authorize(Authorizer.rules().allow("worker-1", Direction.RECEIVE, "jobs").build())
                .bind(0)) {
            int port = server.port();
            RemoteOptions tls = RemoteOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)).withTls(clientTls);
            RemoteOptions[] refused = {
                    tls,
                    tls.withBearerToken(BearerToken.of(wrong)),
                    RemoteOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)),
                    RemoteOptions.defaults().withBearerToken(BearerToken.of(token))};
            for (RemoteOptions o : refused) {
                try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "jobs", 1, Codec.utf8(), o)) {
                    System.out.println("UNEXPECTED accepted " + o);
                } catch (RemoteChannelException e) {
                    e.printStackTrace(System.out);
                }
            }
            try {
                RemoteChannels.sender("127.0.0.1", port, "results", Codec.utf8(), 1, null,
                        tls.withBearerToken(BearerToken.of(token))).close();
                System.out.println("UNEXPECTED accepted a sender");
            } catch (RemoteChannelException e) {
                e.printStackTrace(System.out);
            }
            try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "jobs", 1, Codec.utf8(),
                    tls.withBearerToken(BearerToken.of(token)))) {
                System.out.println("RECEIVED " + rx.recvTimeout(Duration.ofSeconds(10)).value());
            }
        }
        System.out.println("DONE");
        System.exit(0);
    }
}
