package dev.sluice.rsocket;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.reactor.ChannelFlux;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.DefaultPayload;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Remote channel handles: ordinary {@link Receiver}s and {@link Sender}s whose other end is a
 * channel in another process, served by a {@link ChannelServer}, with backpressure carried by
 * RSocket's {@code REQUEST_N} in both directions.
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
 * A remote receiver is a local buffer of {@code capacity} filled by
 * {@link ChannelFlux#toReceiver}: the demand it sends over the wire is its free room, in batches
 * of at least three quarters of {@code capacity} (one {@code REQUEST_N} frame per batch), so at
 * most {@code capacity} messages are buffered or in flight towards it. A remote sender is a local
 * channel of {@code capacity} whose messages go out on a request-channel; the server requests
 * them only while its own channel has room ({@link ChannelFlux#into}), so a full server channel
 * stops the stream, the local buffer fills, and {@code send} waits.
 * <h2>Message size</h2>
 * A message of any size up to {@link RemoteOptions#maxMessageSize()} (64 MiB by default) crosses
 * the wire, split into RSocket fragments of {@link RemoteOptions#FRAGMENT_SIZE}. A remote
 * sender checks each encoded message against that limit as it leaves the local buffer: a larger
 * one (or one the codec cannot encode) is handed to {@code onLost} and ends the stream with a
 * {@link CodecException} naming the size and the limit, so the following {@code send} fails
 * with {@link dev.sluice.SendDisconnectedException} carrying that cause, and what was still
 * buffered goes to {@code onLost} too. ({@code send} itself is the local channel's: it cannot
 * see the encoding, so it accepts the message first.) A receiving side (a remote receiver, the
 * server for remote senders) accepts messages up to the larger of its limit and RSocket's 16 MiB
 * frame, and ends the stream as a disconnection with a cause above that.
 * <h2>Failure: at-most-once for what is in flight</h2>
 * Each handle has its own TCP connection. Connection loss, a server shutdown, a route the server
 * does not know or a payload it rejects end the handle as disconnection, with a
 * {@link RemoteChannelException} (or the {@link CodecException}) as the cause: {@code recv}
 * fails after the messages already buffered locally, and {@code send} fails at once (the blocked
 * one with its message handed back in {@link dev.sluice.SendDisconnectedException}). No call
 * hangs: a dead server process is seen from the TCP reset at once, a silent network within
 * {@link RemoteOptions#keepAliveMaxLifetime()}.
 * <p>RSocket has no delivery acknowledgements and this module invents none, so the guarantee on
 * connection loss is <b>at-most-once</b> for messages in flight, and exactly-once for all others:
 * <ul>
 *   <li>towards a remote receiver: messages the server took from its channel and wrote to the
 *   wire but that the receiving application did not take yet (at most {@code capacity}: the
 *   local buffer plus the wire demand) are lost with the receiver; messages still in the server's
 *   channel go to the other receivers. {@link ChannelServer#sent(String)} counts what left the
 *   channel, so {@code sent - taken by the applications} is what was lost.</li>
 *   <li>from a remote sender: messages still in the local buffer when the stream ends are not
 *   sent and are reported one by one to the {@code onLost} callback; messages already written
 *   to the wire (at most the demand the server granted, which is bounded by its channel's
 *   capacity) may or may not have reached the server's channel, and the sender cannot tell
 *   which.</li>
 * </ul>
 * A receiver that the application closes is a cancellation: its buffered messages are discarded,
 * as closing the last receiver of a local channel discards them.
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

    /**
     * A {@link Receiver} of the server's route, competing with its other receivers, backed by a
     * local buffer of {@code capacity} ({@code 0} = rendezvous: one message requested at a time,
     * only while {@code recv} waits). Closing it cancels the remote stream (within
     * {@link CloseWatcher#PERIOD 50 ms}), and the server's clone for it is released.
     * @throws RemoteChannelException if the connection cannot be made
     */
    public static <T> Receiver<T> receiver(String host, int port, String route, int capacity, Codec<T> codec) {
        return receiver(host, port, route, capacity, codec, RemoteOptions.defaults());
    }

    /** As {@link #receiver(String, int, String, int, Codec)}, with connection settings. */
    public static <T> Receiver<T> receiver(String host, int port, String route, int capacity, Codec<T> codec,
                                           RemoteOptions options) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(codec, "codec");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        String address = host + ":" + port;
        RSocket socket = connect(host, port, route, codec, options);
        Flux<T> messages = socket.requestStream(Routing.payload(new byte[0], route))
                .map(payload -> decode(payload, codec))
                .onErrorMap(e -> !(e instanceof CodecException), e -> remoteFailure(route, address, e))
                .doFinally(signal -> socket.dispose());
        Receiver<T> receiver = ChannelFlux.toReceiver(messages, capacity);
        CloseWatcher.watch(receiver, socket);
        return receiver;
    }

    /** A remote sender with a local buffer of {@link #DEFAULT_SENDER_CAPACITY} and no loss callback. */
    public static <T> Sender<T> sender(String host, int port, String route, Codec<T> codec) {
        return sender(host, port, route, codec, DEFAULT_SENDER_CAPACITY, null, RemoteOptions.defaults());
    }

    /**
     * A {@link Sender} into the server's route, through a local buffer of {@code capacity}
     * ({@code 0} = rendezvous: {@code send} returns once the message went out on the wire).
     * Closing every handle of it (clones included) completes the remote stream after the
     * buffered messages. {@code onLost}, if not null, is called once for each message that was
     * accepted by {@code send} but was still in the local buffer when the stream failed.
     * @throws RemoteChannelException if the connection cannot be made
     */
    public static <T> Sender<T> sender(String host, int port, String route, Codec<T> codec, int capacity,
                                       @Nullable Consumer<? super T> onLost, RemoteOptions options) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(codec, "codec");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        String address = host + ":" + port;
        Channel<T> local = onLost == null ? Channel.bounded(capacity) : Channel.bounded(capacity, onLost);
        RSocket socket = connect(host, port, route, codec, options);
        Sender<T> sender = local.sender();
        Receiver<T> keep = local.receiver();         // closed only once the stream has ended, see StreamEnd
        StreamEnd end = new StreamEnd(new WeakReference<>(sender), keep);

        int max = options.maxMessageSize();
        Flux<Payload> outbound = Flux.concat(
                Flux.just(Routing.payload(new byte[0], route)),          // opens the stream
                ChannelFlux.from(keep.clone()).map(msg -> encode(msg, codec, max, route, onLost)));
        socket.requestChannel(outbound)
                .doFinally(signal -> socket.dispose())
                .subscribe(payload -> payload.release(),
                        e -> end.ended(remoteFailure(route, address, e)),
                        () -> end.ended(null));
        return sender;
    }

    // ==== Internals ====

    private static RSocket connect(String host, int port, String route, Codec<?> codec, RemoteOptions options) {
        Objects.requireNonNull(host, "host");
        try {
            RSocket socket = RSocketConnector.create()
                    .metadataMimeType(Routing.METADATA_MIME_TYPE)
                    .dataMimeType(codec.mimeType())
                    .keepAlive(options.keepAliveInterval(), options.keepAliveMaxLifetime())
                    .payloadDecoder(PayloadDecoder.DEFAULT)
                    .fragment(RemoteOptions.FRAGMENT_SIZE)
                    .maxInboundPayloadSize(RemoteOptions.inboundLimit(options.maxMessageSize()))
                    .connect(TcpClientTransport.create(host, port))
                    .block(options.connectTimeout());
            if (socket == null) {
                throw new IllegalStateException("no connection");
            }
            return socket;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.TimeoutException ? null : e;
            throw new RemoteChannelException(route, host + ":" + port, cause == null
                    ? "cannot connect: no connection within " + options.connectTimeout() : "cannot connect", cause);
        }
    }

    /**
     * A message taken from a remote sender's buffer as a payload, or the failure that ends the
     * stream: a message the codec cannot encode, or one larger than {@code max} bytes, is handed
     * to {@code onLost} (it left the buffer, so the discard hook will not see it) and the stream
     * ends with a {@link CodecException} that later sends report as their cause.
     */
    private static <T> Payload encode(T msg, Codec<T> codec, int max, String route,
                                      @Nullable Consumer<? super T> onLost) {
        byte[] data;
        try {
            data = codec.encode(msg);
        } catch (RuntimeException e) {
            lost(msg, onLost);
            throw e instanceof CodecException c ? c : new CodecException("route '" + route + "': cannot encode "
                    + msg.getClass().getName() + ": " + e, e);
        }
        if (data.length > max) {
            lost(msg, onLost);
            throw new CodecException("route '" + route + "': a message of " + data.length + " bytes exceeds the"
                    + " maximum message size of " + max + " bytes; raise RemoteOptions.maxMessageSize (and the"
                    + " server's ChannelServer.Builder.maxMessageSize), or split the message");
        }
        return DefaultPayload.create(data);
    }

    private static <T> void lost(T msg, @Nullable Consumer<? super T> onLost) {
        if (onLost != null) {
            onLost.accept(msg);
        }
    }

    private static <T> T decode(Payload payload, Codec<T> codec) {
        try {
            return codec.decode(payload.getData());
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode payload: " + e, e);
        } finally {
            payload.release();
        }
    }

    private static RuntimeException remoteFailure(String route, String address, Throwable e) {
        if (e instanceof RemoteChannelException r) {
            return r;
        }
        if (e instanceof CodecException c) {
            return c;                                // our own encoding refusal: the clearest cause
        }
        if (e instanceof ApplicationErrorException) {
            return new RemoteChannelException(route, address, "server ended the stream: " + e.getMessage(), e);
        }
        return new RemoteChannelException(route, address, "connection lost", e);
    }

    /**
     * The end of a remote sender's stream. RSocket ends a request-channel by cancelling its
     * outbound first and then terminating the inbound, on the same thread (rsocket-java's
     * RequestChannelRequesterFlux.handleError). The outbound reads a clone of the local receiver,
     * and this class holds the original, {@code keep}, so the cancel alone does not yet disconnect
     * the local senders; the inbound's terminal signal, which carries the cause, then (1) closes
     * the channel with that cause, so a failing {@code send} reports why, and (2) closes
     * {@code keep}, which discards what is still buffered through the channel's discard hook
     * ({@code onLost}). Core lets only a sender handle set a cause: the stream holds the
     * application's handle weakly (a leaked one must stay collectable) and closes the channel
     * through a short-lived clone of it; if the application already closed that handle, its
     * clones see disconnection without a cause.
     */
    private static final class StreamEnd {
        private final WeakReference<Sender<?>> handle;
        private final Receiver<?> keep;

        StreamEnd(WeakReference<Sender<?>> handle, Receiver<?> keep) {
            this.handle = handle;
            this.keep = keep;
        }

        void ended(@Nullable Throwable failure) {
            Sender<?> s = handle.get();
            if (failure != null && s != null && !s.isClosed()) {
                try {
                    s.clone().closeChannel(failure);
                } catch (IllegalStateException closedMeanwhile) {
                    // the application closed its last handle: nobody is left to tell
                }
            }
            keep.close();
        }
    }
}
