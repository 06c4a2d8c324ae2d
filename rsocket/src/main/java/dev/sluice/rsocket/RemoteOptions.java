package dev.sluice.rsocket;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connection settings of remote handles.
 * @param connectTimeout how long a factory waits for the TCP connection and RSocket setup
 * @param keepAliveInterval how often the client sends an RSocket KEEPALIVE
 * @param keepAliveMaxLifetime how long without any frame from the server before the connection is
 *     declared lost (a silent network failure: a crashed server process or a closed port is seen at once,
 *     from the TCP reset)
 * @param maxMessageSize the largest encoded message, in bytes, this handle sends or accepts
 *     ({@link #DEFAULT_MAX_MESSAGE_SIZE} by default). Messages travel in RSocket fragments of
 *     {@link #FRAGMENT_SIZE} bytes, so any size up to this limit crosses the wire; the server's
 *     limit ({@link ChannelServer.Builder#maxMessageSize(int)}) must be at least as large.
 * @param tls the transport security, configured the Netty way: a client {@code SslContext}
 *     ({@code SslContextBuilder.forClient().trustManager(serverCa)}, plus {@code .keyManager(...)}
 *     for mutual TLS), or {@code null} for plaintext ({@link #defaults()})
 * @param bearerToken the credentials presented in each connection's SETUP frame, or {@code null};
 *     only sent over TLS
 */
public record RemoteOptions(Duration connectTimeout, Duration keepAliveInterval, Duration keepAliveMaxLifetime,
                            int maxMessageSize, @Nullable SslContext tls, @Nullable BearerToken bearerToken) {
    /** The default {@link #maxMessageSize()}: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 << 20;
    /** The size of the RSocket fragments a large message is split into (64 KiB). */
    public static final int FRAGMENT_SIZE = 64 << 10;
    /**
     * RSocket's largest frame over TCP (16 MiB - 1): the inbound limit of a connection is never
     * set below it (RSocket refuses that), so a receiving side accepts messages up to the larger
     * of this and its {@code maxMessageSize}; the sending side's check is exact.
     */
    static final int MAX_FRAME_LENGTH = 0xFF_FFFF;
    /** The smallest accepted {@link #maxMessageSize()}: RSocket's own minimum frame size. */
    public static final int MIN_MESSAGE_SIZE = 64;

    /** Plaintext, no credentials, 10 s to connect, a keepalive every 2 s, lost after 10 s of silence, messages up to 64 MiB. */
    public static RemoteOptions defaults() {
        return new RemoteOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** The given timings with the {@link #DEFAULT_MAX_MESSAGE_SIZE default maximum message size}. */
    public RemoteOptions(Duration connectTimeout, Duration keepAliveInterval, Duration keepAliveMaxLifetime) {
        this(connectTimeout, keepAliveInterval, keepAliveMaxLifetime, DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** The given timings and maximum message size, plaintext and without credentials. */
    public RemoteOptions(Duration connectTimeout, Duration keepAliveInterval, Duration keepAliveMaxLifetime,
                         int maxMessageSize) {
        this(connectTimeout, keepAliveInterval, keepAliveMaxLifetime, maxMessageSize, null, null);
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if {@code maxMessageSize < MIN_MESSAGE_SIZE}, or {@code tls}
     *     is a server context
     */
    public RemoteOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(keepAliveMaxLifetime, "keepAliveMaxLifetime");
        checkMaxMessageSize(maxMessageSize);
        if (tls != null && tls.isServer()) {
            throw new IllegalArgumentException("remote handles need a client SslContext (SslContextBuilder.forClient)");
        }
    }

    /** These settings with another {@link #maxMessageSize()}. */
    public RemoteOptions withMaxMessageSize(int bytes) {
        return new RemoteOptions(connectTimeout, keepAliveInterval, keepAliveMaxLifetime, bytes, tls, bearerToken);
    }

    /** These settings with another {@link #connectTimeout()}. */
    public RemoteOptions withConnectTimeout(Duration timeout) {
        return new RemoteOptions(timeout, keepAliveInterval, keepAliveMaxLifetime, maxMessageSize, tls, bearerToken);
    }

    /** These settings over TLS: a client {@code SslContext} (see {@link #tls()}). */
    public RemoteOptions withTls(SslContext sslContext) {
        return new RemoteOptions(connectTimeout, keepAliveInterval, keepAliveMaxLifetime, maxMessageSize,
                Objects.requireNonNull(sslContext, "sslContext"), bearerToken);
    }

    /** These settings presenting {@code token} (only over {@link #withTls TLS}). */
    public RemoteOptions withBearerToken(BearerToken token) {
        return new RemoteOptions(connectTimeout, keepAliveInterval, keepAliveMaxLifetime, maxMessageSize, tls,
                Objects.requireNonNull(token, "token"));
    }

    @Override
    public String toString() {
        return "RemoteOptions{connectTimeout=" + connectTimeout + ", keepAliveInterval=" + keepAliveInterval
                + ", keepAliveMaxLifetime=" + keepAliveMaxLifetime + ", maxMessageSize=" + maxMessageSize
                + ", tls=" + (tls == null ? "none" : "on") + ", bearerToken=" + (bearerToken == null ? "none" : "(hidden)")
                + "}";
    }

    /** The inbound payload limit of a connection for a {@code maxMessageSize} (see {@link #MAX_FRAME_LENGTH}). */
    static int inboundLimit(int maxMessageSize) {
        return Math.max(maxMessageSize, MAX_FRAME_LENGTH);
    }

    static int checkMaxMessageSize(int bytes) {
        if (bytes < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be at least " + MIN_MESSAGE_SIZE
                    + " bytes (RSocket's smallest frame), was " + bytes);
        }
        return bytes;
    }
}
