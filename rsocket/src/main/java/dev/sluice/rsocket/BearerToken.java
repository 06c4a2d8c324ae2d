package dev.sluice.rsocket;

import java.util.Objects;

/**
 * A client's bearer token, sent in the RSocket {@code SETUP} frame of each connection a remote
 * handle opens, as a {@code message/x.rsocket.authentication.v0} bearer entry of the composite
 * setup metadata (the encoding Spring Security's RSocket support reads); the server checks it
 * with {@link Authenticator#bearerTokens}. It is only sent over TLS ({@link RemoteOptions#withTls}):
 * without it the factories refuse to connect and the token stays home. {@link #toString()} never
 * shows the token.
 * <pre>{@code
 * RemoteOptions options = RemoteOptions.defaults()
 *         .withTls(SslContextBuilder.forClient().trustManager(caPem).build())
 *         .withBearerToken(BearerToken.of(System.getenv("JOBS_TOKEN")));
 * }</pre>
 */
public final class BearerToken {
    private final String token;

    private BearerToken(String token) {
        this.token = token;
    }

    /** The token (printable ASCII without spaces, as in an HTTP {@code Authorization} header). */
    public static BearerToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
        }
        return new BearerToken(token);
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BearerToken{(hidden)}";
    }
}
