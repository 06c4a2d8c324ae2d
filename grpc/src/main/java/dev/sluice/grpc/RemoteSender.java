package dev.sluice.grpc;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.Watch;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The client end of a {@code Send} stream: a local channel of {@code capacity} that the
 * application sends into, drained onto the wire only against the server's credits and only while
 * gRPC is ready ({@link ClientCall#isReady()} / {@code onReady}).
 * <p>Algorithm: a serial drain loop (work-in-progress counter) takes messages with
 * {@link Receiver#poll()} while {@code credit > 0} and the call is ready, encodes, checks the
 * size and sends them; when the local channel is empty it registers one
 * {@link Receiver#watchReceivable} watch (which also fires when the application closed its last
 * sender: then the loop half-closes the call). Events that start the loop: a credit arrives,
 * {@code onReady}, the watch, the end of the call. The loop is the only caller of
 * {@link ClientCall} methods after {@code start}.
 * <p>Invariants: messages on the wire &le; credits granted by the server (its channel's room), so
 * a full server channel stops the stream, the local channel fills, and the application's
 * {@code send} waits; gRPC's outbound queue holds at most one message beyond its ready threshold.
 * When the stream ends with a failure, the channel is closed with the cause through a short-lived
 * clone of the application's handle (held weakly: a leaked handle stays collectable), so a blocked
 * {@code send} wakes with it; then the loop's own receiver closes, which hands what is still
 * buffered to the channel's discard hook ({@code onLost}).
 */
final class RemoteSender<T> extends ClientCall.Listener<byte[]> {
    private final String route;
    private final String address;
    private final Codec<T> codec;
    private final int maxMessageSize;
    private final @Nullable Consumer<? super T> onLost;
    private final WeakReference<Sender<T>> application;
    private final Receiver<T> keep;
    private final ClientCall<byte[], byte[]> call;
    private final Runnable onEnd;
    private final Opening opening = new Opening();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong credit = new AtomicLong();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean requestMore;
    private volatile @Nullable Status closed;
    private volatile boolean cancelRequested;
    private @Nullable Watch watch;            // loop only
    private boolean halfClosed;               // loop only
    private boolean done;                     // loop only

    private RemoteSender(io.grpc.Channel channel, CallOptions options, String route, String address, Codec<T> codec,
                         int maxMessageSize, @Nullable Consumer<? super T> onLost, Sender<T> application,
                         Receiver<T> keep, Runnable onEnd) {
        this.route = route;
        this.address = address;
        this.codec = codec;
        this.maxMessageSize = maxMessageSize;
        this.onLost = onLost;
        this.application = new WeakReference<>(application);
        this.keep = keep;
        this.onEnd = onEnd;
        this.call = channel.newCall(Wire.SEND, options);
    }

    static <T> Sender<T> open(io.grpc.Channel channel, CallOptions options, String route, String address,
                              Codec<T> codec, int capacity, @Nullable Consumer<? super T> onLost,
                              int maxMessageSize, Duration timeout, Runnable onEnd) {
        Channel<T> buffer = onLost == null ? Channel.bounded(capacity) : Channel.bounded(capacity, onLost);
        Sender<T> app = buffer.sender();
        RemoteSender<T> s = new RemoteSender<>(channel, options, route, address, codec, maxMessageSize, onLost,
                app, buffer.receiver(), onEnd);
        s.wip.getAndIncrement();                  // hold the loop while the call starts
        Metadata headers = new Metadata();
        headers.put(Wire.ROUTE, route);
        s.call.start(s, headers);
        s.call.request(1);                        // the first credit message
        s.loop(1);
        try {
            s.opening.await(route, address, timeout, () -> s.cancel());
        } catch (RuntimeException e) {
            app.close();
            s.keep.close();
            throw e;
        }
        return app;
    }

    @Override
    public void onHeaders(Metadata headers) {
        opening.accepted();
    }

    @Override
    public void onMessage(byte[] message) {
        int n = Wire.credit(message);
        if (n < 0) {
            closed = Status.INTERNAL.withDescription("malformed credit from the server");
            cancelRequested = true;
        } else {
            credit.addAndGet(n);
            requestMore = true;
        }
        drain();
    }

    @Override
    public void onReady() {
        drain();
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        opening.closed(status);
        if (closed == null) {
            closed = status;
        }
        drain();
    }

    private void cancel() {
        cancelRequested = true;
        closed = Status.CANCELLED.withDescription("no answer from the server");
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() == 0) {
            loop(1);
        }
    }

    private void loop(int missed) {
        for (;;) {
            step();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        if (done) {
            return;
        }
        Status st = closed;
        if (st != null) {
            if (cancelRequested) {
                call.cancel(st.getDescription(), null);
            }
            end(st.isOk() ? null : RemoteChannelException.of(route, address, st), null);
            return;
        }
        if (requestMore) {
            requestMore = false;
            call.request(1);
        }
        if (halfClosed) {
            return;
        }
        while (credit.get() > 0 && call.isReady()) {
            T msg = keep.poll();
            if (msg == null) {
                if (keep.isDisconnected() && (msg = keep.poll()) == null) {
                    halfClosed = true;            // every application sender is closed and all was sent
                    call.halfClose();
                    return;
                }
                if (msg == null) {
                    if (watching.compareAndSet(false, true)) {
                        watch = keep.watchReceivable(() -> {
                            watching.set(false);
                            drain();
                        });
                    }
                    return;
                }
            }
            byte[] data;
            try {
                data = codec.encode(msg);
            } catch (RuntimeException e) {
                failLocally(new CodecException("route '" + route + "' at " + address + ": cannot encode "
                        + msg.getClass().getName() + ": " + e, e), msg);
                return;
            }
            if (data.length > maxMessageSize) {
                failLocally(new RemoteChannelException(route, address, Status.Code.RESOURCE_EXHAUSTED,
                        "a message of " + data.length + " bytes is larger than the maximum message size of "
                                + maxMessageSize + " bytes; it was not sent", null), msg);
                return;
            }
            credit.decrementAndGet();
            call.sendMessage(data);
        }
    }

    /**
     * A message that cannot go out: the handle ends with {@code cause} at once, and the call is
     * half-closed (not cancelled), so the messages already written still reach the server.
     */
    private void failLocally(RuntimeException cause, T msg) {
        halfClosed = true;
        call.halfClose();
        end(cause, msg);
    }

    /**
     * Ends the handle: the channel is closed with {@code cause} (if any), {@code unsent} and the
     * buffered messages go to {@code onLost}.
     */
    private void end(@Nullable RuntimeException cause, @Nullable T unsent) {
        done = true;
        Watch w = watch;
        if (w != null) {
            w.cancel();
        }
        if (cause != null) {
            Sender<T> app = application.get();
            if (app != null) {
                try {
                    app.clone().closeChannel(cause);
                } catch (IllegalStateException handleClosed) {
                    // the application closed that handle: its clones see a disconnection without cause
                }
            }
        }
        if (unsent != null && onLost != null) {
            onLost.accept(unsent);
        }
        keep.close();
        onEnd.run();
    }
}
