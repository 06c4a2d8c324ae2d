package dev.sluice.rsocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is connecting: a {@link ChannelServer}'s authentication hook, checked once per connection
 * in RSocket's {@code SocketAcceptor}, on the {@code SETUP} frame, before the connection can open
 * any stream. It returns the caller's principal name, or {@code null} to refuse the connection
 * (the client sees a {@link RemoteAccessException}; no message is sent or received). It runs on a
 * Netty event-loop thread, so it must not block.
 * <pre>{@code
 * Authenticator tokens = Authenticator.bearerTokens(Map.of("worker-1", secretOfWorker1));
 * }</pre>
 * Mutual TLS is checked earlier, by the TLS handshake ({@link ChannelServer.Builder#tls}): a client
 * without a certificate the server trusts never reaches this hook; {@link #clientCertificate()}
 * names the principal after the certificate that passed.
 */
@FunctionalInterface
public interface Authenticator {

    /** The principal that {@code credentials} prove, or {@code null} to refuse the connection. */
    @Nullable String authenticate(PresentedCredentials credentials);

    /**
     * Bearer tokens: {@code tokensByPrincipal} maps each principal to its secret token. A
     * connection whose token matches one is that principal. Tokens are compared in time
     * independent of where they differ, and never appear in a message or log.
     */
    static Authenticator bearerTokens(Map<String, String> tokensByPrincipal) {
        Map<String, byte[]> tokens = new LinkedHashMap<>();
        tokensByPrincipal.forEach((principal, token) -> {
            Objects.requireNonNull(principal, "principal");
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("principal '" + principal + "' has an empty token");
            }
            tokens.put(principal, token.getBytes(StandardCharsets.UTF_8));
        });
        return credentials -> {
            byte[] presented = credentials.bearerToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
            if (presented == null) {
                return null;
            }
            String found = null;
            for (Map.Entry<String, byte[]> e : tokens.entrySet()) {
                if (MessageDigest.isEqual(presented, e.getValue()) && found == null) {
                    found = e.getKey();
                }
            }
            return found;
        };
    }

    /**
     * Mutual TLS: the principal is the subject of the client certificate that TLS verified against
     * the server's trust roots (see {@link ChannelServer.Builder#tls}), e.g. {@code CN=worker-1}; a
     * connection without one is refused.
     */
    static Authenticator clientCertificate() {
        return credentials -> credentials.peerCertificates().isEmpty() ? null
                : credentials.peerCertificates().get(0).getSubjectX500Principal().getName();
    }
}
