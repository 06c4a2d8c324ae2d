package dev.sluice.grpc;

import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Remote channel handles over gRPC: ordinary {@link Receiver}s and {@link Sender}s whose other end
 * is a channel in another process, served by a {@link ChannelServer} (or a {@link ChannelService}
 * in an application's gRPC server); the same factories as {@code dev.sluice.rsocket.RemoteChannels}.
 * <pre>{@code
 * // consumer process: competes with the other consumers of "jobs"
 * try (Receiver<String> jobs = RemoteChannels.receiver("10.0.0.5", 7000, "jobs", 32, Codec.utf8())) {
 *     for (String job : jobs) process(job);              // blocking; ends when the producers close
 * }
 * // any process: sends into the server's "results" channel, waiting while it is full
 * try (Sender<String> results = RemoteChannels.sender("10.0.0.5", 7000, "results", Codec.utf8())) {
 *     results.send("done");
 * }
 * }</pre>
 * <h2>Demand</h2>
 * Each handle is one bidirectional gRPC stream carrying credits (counts of messages) against the
 * data, because gRPC's own flow control counts bytes. A remote receiver is a local channel of
 * {@code capacity} whose free room is its credit: at most {@code capacity} messages are buffered
 * or in flight towards it. A remote sender is a local channel of {@code capacity} drained only
 * against the server's credits, which the server grants as its channel takes messages, and only
 * while gRPC is ready ({@code isReady}/{@code onReady}): a full server channel stops the stream,
 * the local buffer fills, and {@code send} waits. No gRPC queue grows without bound.
 * <h2>Failure: at-most-once for what is in flight</h2>
 * Connection loss, a server shutdown, a refusal, a route the server does not know or a message it
 * rejects end the handle as disconnection with a {@link RemoteChannelException} (or a
 * {@link CodecException}) as the cause: {@code recv} fails after the messages already buffered
 * locally, {@code send} fails at once (a blocked one with its message handed back). A refusal
 * (no or wrong credentials, a route or direction not allowed, no such route) is thrown by the
 * factory itself, before any message moves. A gRPC deadline or cancellation of the
 * {@link io.grpc.Context} in which a handle is created ends the handle the same way
 * ({@code DEADLINE_EXCEEDED}, {@code CANCELLED}).
 * <p>gRPC streams have no delivery acknowledgements and this module invents none: messages in
 * flight when a connection fails (towards a receiver: at most its {@code capacity}; from a
 * sender: at most the server channel's capacity on the wire) may be lost; all other messages are
 * delivered exactly once. Messages still in a remote sender's local buffer when its stream fails
 * are handed to {@code onLost}.
 * <h2>Limits</h2>
 * A message that encodes to more than {@link RemoteOptions#maxMessageSize} is not sent: the
 * remote sender ends, its channel closed with a {@code RESOURCE_EXHAUSTED}
 * {@link RemoteChannelException} that states the size and the limit, so the next {@code send}
 * fails with it (the oversized message goes to {@code onLost}). The check runs when the message
 * leaves the local buffer, on its way to the wire; with the local buffer's capacity 1, that is
 * the next {@code send} at the latest.
 */
public final class RemoteChannels {
    /** The capacity of a remote sender's local buffer when none is given. */
    public static final int DEFAULT_SENDER_CAPACITY = 64;

    private RemoteChannels() {
    }

    /** A builder of a {@link ChannelServer}: the same as {@link ChannelServer#builder()}. */
    public static ChannelServer.Builder server() {
        return ChannelServer.builder();
    }

    /** As {@link #receiver(String, int, String, int, Codec, RemoteOptions)} with {@link RemoteOptions#defaults()} (plaintext). */
    public static <T> Receiver<T> receiver(String host, int port, String route, int capacity, Codec<T> codec) {
        return receiver(host, port, route, capacity, codec, RemoteOptions.defaults());
    }

    /**
     * A {@link Receiver} of the server's route on its own connection, competing with the route's
     * other receivers, backed by a local buffer of {@code capacity} (at least 1). Closing it
     * cancels the stream at once, and the server releases its clone.
     * @throws RemoteChannelException if the server cannot be reached or refuses the stream
     */
    public static <T> Receiver<T> receiver(String host, int port, String route, int capacity, Codec<T> codec,
                                           RemoteOptions options) {
        checkArguments(route, capacity, 1, codec, options);
        ManagedChannel channel = connect(host, port, options);
        try {
            return RemoteReceiver.open(channel, callOptions(options), route, host + ":" + port, capacity, codec,
                    options.connectTimeout(), channel::shutdown);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /**
     * A {@link Receiver} of the route on an existing gRPC channel (its connection, TLS and
     * interceptors are the caller's, who also shuts it down). Of {@code options}, the call
     * credentials, the connect timeout and the maximum message size apply.
     */
    public static <T> Receiver<T> receiver(io.grpc.Channel channel, String route, int capacity, Codec<T> codec,
                                           RemoteOptions options) {
        Objects.requireNonNull(channel, "channel");
        checkArguments(route, capacity, 1, codec, options);
        return RemoteReceiver.open(channel, callOptions(options), route, channel.authority(), capacity, codec,
                options.connectTimeout(), () -> { });
    }

    /** A remote sender with a local buffer of {@link #DEFAULT_SENDER_CAPACITY}, no loss callback, plaintext. */
    public static <T> Sender<T> sender(String host, int port, String route, Codec<T> codec) {
        return sender(host, port, route, codec, DEFAULT_SENDER_CAPACITY, null, RemoteOptions.defaults());
    }

    /**
     * A {@link Sender} into the server's route on its own connection, through a local buffer of
     * {@code capacity} (at least 1). Closing every handle of it (clones included) completes the
     * stream after the buffered messages. {@code onLost}, if not null, is called once for each
     * message that {@code send} accepted but that was still in the local buffer when the stream
     * failed (or was too large to send).
     * @throws RemoteChannelException if the server cannot be reached or refuses the stream
     */
    public static <T> Sender<T> sender(String host, int port, String route, Codec<T> codec, int capacity,
                                       @Nullable Consumer<? super T> onLost, RemoteOptions options) {
        checkArguments(route, capacity, 1, codec, options);
        ManagedChannel channel = connect(host, port, options);
        try {
            return RemoteSender.open(channel, callOptions(options), route, host + ":" + port, codec, capacity, onLost,
                    options.maxMessageSize(), options.connectTimeout(), channel::shutdown);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** A {@link Sender} into the route on an existing gRPC channel (see {@link #receiver(io.grpc.Channel, String, int, Codec, RemoteOptions)}). */
    public static <T> Sender<T> sender(io.grpc.Channel channel, String route, Codec<T> codec, int capacity,
                                       @Nullable Consumer<? super T> onLost, RemoteOptions options) {
        Objects.requireNonNull(channel, "channel");
        checkArguments(route, capacity, 1, codec, options);
        return RemoteSender.open(channel, callOptions(options), route, channel.authority(), codec, capacity, onLost,
                options.maxMessageSize(), options.connectTimeout(), () -> { });
    }

    // ==== Internals ====

    private static void checkArguments(String route, int capacity, int min, Codec<?> codec, RemoteOptions options) {
        Wire.checkRoute(route);
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(options, "options");
        if (capacity < min) {
            throw new IllegalArgumentException("capacity must be >= " + min + " over gRPC, was " + capacity);
        }
    }

    private static ManagedChannel connect(String host, int port, RemoteOptions options) {
        Objects.requireNonNull(host, "host");
        return Grpc.newChannelBuilderForAddress(host, port, options.credentials())
                .keepAliveTime(options.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(options.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .maxInboundMessageSize(options.maxMessageSize())
                .directExecutor()                      // the listeners never block
                .build();
    }

    private static CallOptions callOptions(RemoteOptions options) {
        CallOptions call = CallOptions.DEFAULT.withMaxOutboundMessageSize(options.maxMessageSize());
        return options.callCredentials() == null ? call : call.withCallCredentials(options.callCredentials());
    }
}
