package dev.sluice.grpc;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connection settings of remote handles.
 * @param connectTimeout how long a factory waits for the server to accept the stream (connection,
 *     TLS handshake, authentication, authorization, route lookup)
 * @param keepAliveTime how often the client pings an idle connection (gRPC's minimum is 10 s)
 * @param keepAliveTimeout how long without an answer to a ping before the connection is declared
 *     lost (a silent network; a dead server process or a closed port is seen at once from the TCP
 *     reset)
 * @param maxMessageSize the largest encoded message, in bytes, sent or accepted
 * @param credentials the transport security: gRPC's {@code TlsChannelCredentials} (with a key
 *     manager for mutual TLS), or plaintext ({@link #defaults()})
 * @param callCredentials per-stream credentials such as a {@link BearerToken}, or {@code null}
 */
public record RemoteOptions(Duration connectTimeout, Duration keepAliveTime, Duration keepAliveTimeout,
                            int maxMessageSize, ChannelCredentials credentials,
                            @Nullable CallCredentials callCredentials) {
    /** gRPC's smallest client keepalive interval; servers of this module permit it. */
    static final Duration MIN_KEEPALIVE = Duration.ofSeconds(10);

    /** Plaintext, 10 s to connect, a keepalive ping every 10 s answered within 10 s, 4 MiB messages. */
    public static RemoteOptions defaults() {
        return new RemoteOptions(Duration.ofSeconds(10), MIN_KEEPALIVE, Duration.ofSeconds(10),
                Wire.DEFAULT_MAX_MESSAGE_SIZE, InsecureChannelCredentials.create(), null);
    }

    public RemoteOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveTime, "keepAliveTime");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(credentials, "credentials");
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be > 0, was " + maxMessageSize);
        }
    }

    /** These options with transport credentials (TLS). */
    public RemoteOptions withCredentials(ChannelCredentials credentials) {
        return new RemoteOptions(connectTimeout, keepAliveTime, keepAliveTimeout, maxMessageSize, credentials,
                callCredentials);
    }

    /** These options with call credentials (a {@link BearerToken}). */
    public RemoteOptions withCallCredentials(@Nullable CallCredentials callCredentials) {
        return new RemoteOptions(connectTimeout, keepAliveTime, keepAliveTimeout, maxMessageSize, credentials,
                callCredentials);
    }

    /** These options with another maximum message size. */
    public RemoteOptions withMaxMessageSize(int bytes) {
        return new RemoteOptions(connectTimeout, keepAliveTime, keepAliveTimeout, bytes, credentials, callCredentials);
    }

    /** These options with another connect timeout. */
    public RemoteOptions withConnectTimeout(Duration timeout) {
        return new RemoteOptions(timeout, keepAliveTime, keepAliveTimeout, maxMessageSize, credentials, callCredentials);
    }

    @Override
    public String toString() {
        return "RemoteOptions{connectTimeout=" + connectTimeout + ", keepAliveTime=" + keepAliveTime
                + ", keepAliveTimeout=" + keepAliveTimeout + ", maxMessageSize=" + maxMessageSize
                + ", credentials=" + credentials.getClass().getSimpleName()
                + ", callCredentials=" + (callCredentials == null ? "none" : "(hidden)") + "}";
    }
}
