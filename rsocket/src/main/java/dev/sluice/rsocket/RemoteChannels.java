package dev.sluice.rsocket;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.reactor.ChannelFlux;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.netty.handler.ssl.SslContext;
import io.rsocket.RSocketErrorException;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.ConnectionCloseException;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.DefaultPayload;
import java.lang.ref.WeakReference;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.netty.tcp.TcpClient;

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
 * <h2>Access</h2>
 * A factory returns only once the server has accepted the connection and authorized the route in
 * the handle's {@link Direction} (see {@link ChannelServer}): a refusal is a
 * {@link RemoteAccessException}, a TLS failure a {@link RemoteChannelException}, both thrown by the
 * factory before any message moved. TLS and a {@link BearerToken} are set in {@link RemoteOptions}.
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
     * @throws RemoteAccessException if the server refuses this client the route (credentials, authorization)
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
        RSocket socket = connect(host, port, route, Direction.RECEIVE, codec, options);
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
     * @throws RemoteAccessException if the server refuses this client the route (credentials, authorization)
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
        RSocket socket = connect(host, port, route, Direction.SEND, codec, options);
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

    /**
     * A connection that the server accepted for {@code route} in {@code direction}: TCP (and the
     * TLS handshake), the SETUP frame with the credentials, then the access question (see
     * {@link Access}), all within {@link RemoteOptions#connectTimeout()}. A refusal is a
     * {@link RemoteAccessException}; any other failure a {@link RemoteChannelException} whose
     * message says what to check. Nothing is sent or received on the route before this returns.
     */
    private static RSocket connect(String host, int port, String route, Direction direction, Codec<?> codec,
                                   RemoteOptions options) {
        Objects.requireNonNull(host, "host");
        String address = host + ":" + port;
        SslContext tls = options.tls();
        if (options.bearerToken() != null && tls == null) {
            throw new RemoteChannelException(route, address, "bearer token withheld: the connection would not be"
                    + " encrypted; add RemoteOptions.withTls(SslContext)", null);
        }
        TcpClient tcp = TcpClient.create().host(host).port(port);
        if (tls != null) {
            tcp = tcp.secure(spec -> spec.sslContext(tls));
        }
        RSocket socket;
        try {
            socket = RSocketConnector.create()
                    .metadataMimeType(Routing.METADATA_MIME_TYPE)
                    .dataMimeType(codec.mimeType())
                    .setupPayload(Access.setupPayload(options.bearerToken()))
                    .keepAlive(options.keepAliveInterval(), options.keepAliveMaxLifetime())
                    .payloadDecoder(PayloadDecoder.DEFAULT)
                    .fragment(RemoteOptions.FRAGMENT_SIZE)
                    .maxInboundPayloadSize(RemoteOptions.inboundLimit(options.maxMessageSize()))
                    .connect(TcpClientTransport.create(tcp))
                    .block(options.connectTimeout());
            if (socket == null) {
                throw new IllegalStateException("no connection");
            }
        } catch (RuntimeException e) {
            throw openFailure(route, address, options, "cannot connect", e);
        }
        try {
            Payload answer = socket.requestResponse(Access.question(route, direction)).block(options.connectTimeout());
            if (answer != null) {
                answer.release();
            }
            return socket;
        } catch (RuntimeException e) {
            socket.dispose();
            Throwable cause = e.getCause() != null && !(e instanceof RSocketErrorException) ? e.getCause() : e;
            if (cause instanceof RejectedSetupException r && String.valueOf(r.getMessage()).startsWith(Access.UNAUTHENTICATED)) {
                return throwAccess(route, address, "refused: " + cause.getMessage());
            }
            if (cause instanceof CustomRSocketException c && c.errorCode() == Access.ACCESS_DENIED) {
                return throwAccess(route, address, "refused: " + c.getMessage());
            }
            throw openFailure(route, address, options, "the server did not accept the connection", e);
        }
    }

    private static RSocket throwAccess(String route, String address, String what) {
        throw new RemoteAccessException(route, address, what);
    }

    /** A connection that failed before the server accepted it, with a hint at the likely cause. */
    private static RemoteChannelException openFailure(String route, String address, RemoteOptions options,
                                                      String what, RuntimeException e) {
        if (isTimeout(e)) {
            return new RemoteChannelException(route, address, what + ": no answer within " + options.connectTimeout()
                    + (options.tls() == null ? " (if the server uses TLS, set RemoteOptions.withTls)" : ""), null);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new RemoteChannelException(route, address, what + ": TLS failed; check that the server's"
                        + " certificate is signed by a root in RemoteOptions.withTls, that this client presents a"
                        + " certificate the server trusts if it requires one (mutual TLS), and that the server uses"
                        + " TLS", e);
            }
        }
        if (isClosed(e)) {
            return new RemoteChannelException(route, address, what + (options.tls() == null
                    ? ": the server closed the connection during setup; if it uses TLS, set RemoteOptions.withTls"
                    : ": the server closed the connection right after the TLS handshake, as a server requiring"
                    + " mutual TLS does with a client certificate it does not trust (or none); check the key"
                    + " manager of RemoteOptions.withTls"), e);
        }
        return new RemoteChannelException(route, address, what, e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof ConnectionCloseException
                    || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
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
