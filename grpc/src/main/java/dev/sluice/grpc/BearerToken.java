package dev.sluice.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A client's bearer token, sent as gRPC call credentials ({@code authorization: Bearer <token>})
 * with every stream a remote handle opens; the server checks it with
 * {@link Authenticator#bearerTokens}. It is only sent over an encrypted connection: on plaintext
 * the call fails with {@code UNAUTHENTICATED} and the token stays home. {@link #toString()} never
 * shows the token.
 * <pre>{@code
 * RemoteOptions options = RemoteOptions.defaults()
 *         .withCredentials(TlsChannelCredentials.newBuilder().trustManager(caPem).build())
 *         .withCallCredentials(BearerToken.of(System.getenv("JOBS_TOKEN")));
 * }</pre>
 */
public final class BearerToken extends CallCredentials {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String PREFIX = "Bearer ";

    private final String token;

    private BearerToken(String token) {
        this.token = token;
    }

    /** The token (printable ASCII, as HTTP headers require). */
    public static BearerToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
        }
        return new BearerToken(token);
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        if (requestInfo.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
            applier.fail(Status.UNAUTHENTICATED.withDescription(
                    "bearer token withheld: the connection is not encrypted (use TLS credentials)"));
            return;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, PREFIX + token);
        applier.apply(headers);
    }

    @Override
    public String toString() {
        return "BearerToken{(hidden)}";
    }
}
