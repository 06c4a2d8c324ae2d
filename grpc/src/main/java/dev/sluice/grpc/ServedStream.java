package dev.sluice.grpc;

import dev.sluice.Receiver;
import dev.sluice.Watch;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One remote receiver's {@code Receive} stream on the server: takes a message out of the channel
 * only against a credit from the client and only while gRPC's outbound buffer is ready.
 * <p>Algorithm: a serial drain loop (the "work in progress" counter of Reactive Streams
 * operators: whoever increments it from 0 runs the loop, the others only record that there is
 * more to do). Events that start it: a credit arrives, the call becomes ready ({@code onReady}),
 * the channel becomes receivable (a {@link Receiver#watchReceivable} watch, registered only when
 * the channel was empty), a cancellation, a server shutdown. The loop takes messages with
 * {@link Receiver#poll()}, never blocking the thread it runs on (a gRPC transport thread or a
 * producer's thread that made the channel receivable).
 * <p>Invariants: messages taken from the channel &le; credits granted by the client (its free
 * room), so what is in flight to a remote receiver never exceeds its capacity; a message is sent
 * only while {@link ServerCall#isReady()}, so gRPC's own queue holds at most one message beyond
 * its ready threshold; every {@link ServerCall} method is called from inside the loop only (the
 * loop serializes them); the clone is closed exactly once, when the stream ends.
 */
final class ServedStream<T> extends ServerCall.Listener<byte[]> {
    private final ServedRoute<T> route;
    private final ServerCall<byte[], byte[]> call;
    private final Receiver<T> rx;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong credit = new AtomicLong();
    private final AtomicBoolean watching = new AtomicBoolean();
    private final AtomicReference<@Nullable Status> terminate = new AtomicReference<>();
    private volatile boolean cancelled;
    private @Nullable Watch watch;     // drain loop only
    private boolean done;              // drain loop only
    private long index;                // drain loop only: messages sent

    ServedStream(ServedRoute<T> route, ServerCall<byte[], byte[]> call, Receiver<T> rx) {
        this.route = route;
        this.call = call;
        this.rx = rx;
    }

    /** Accepts the stream: response headers tell the client it may count on the route. */
    void open() {
        if (wip.getAndIncrement() == 0) {
            call.sendHeaders(new Metadata());
            call.request(1);
            loop(1);
        }
        // else: terminate() raced in and runs the loop; headers are not needed to close
    }

    @Override
    public void onMessage(byte[] message) {
        int n = Wire.credit(message);
        if (n < 0) {
            terminate(Status.INVALID_ARGUMENT.withDescription("route '" + route.name + "': malformed credit"));
            return;
        }
        long total = credit.addAndGet(n);
        if (total > Integer.MAX_VALUE) {
            terminate(Status.INVALID_ARGUMENT.withDescription("route '" + route.name + "': credit overflow"));
            return;
        }
        drain(true);
    }

    @Override
    public void onReady() {
        drain(false);
    }

    @Override
    public void onCancel() {
        cancelled = true;
        drain(false);
    }

    /** Ends the stream with {@code status} (server shutdown, protocol error), from any thread. */
    void terminate(Status status) {
        terminate.compareAndSet(null, status);
        drain(false);
    }

    private volatile boolean requestMore;   // set by onMessage, cleared in the loop

    private void drain(boolean creditArrived) {
        if (creditArrived) {
            requestMore = true;
        }
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
        if (cancelled) {
            finish(null);
            return;
        }
        Status t = terminate.get();
        if (t != null) {
            finish(t);
            return;
        }
        if (requestMore) {
            requestMore = false;
            call.request(1);             // the next credit message
        }
        while (credit.get() > 0 && call.isReady()) {
            T msg = rx.poll();
            if (msg == null) {
                if (rx.isDisconnected() && (msg = rx.poll()) == null) {
                    Throwable cause = rx.closeCause().orElse(null);
                    finish(cause == null ? Status.OK : Status.ABORTED.withDescription(
                            "route '" + route.name + "': channel closed with a cause: " + cause));
                    return;
                }
                if (msg == null) {
                    if (watching.compareAndSet(false, true)) {
                        watch = rx.watchReceivable(() -> {
                            watching.set(false);
                            drain(false);
                        });
                    }
                    return;
                }
            }
            byte[] data;
            try {
                data = route.codec.encode(msg);
            } catch (RuntimeException e) {
                finish(Status.INTERNAL.withDescription("route '" + route.name + "': cannot encode message #"
                        + (index + 1) + " (" + msg.getClass().getName() + "): " + e));
                return;
            }
            if (data.length > route.maxMessageSize) {
                finish(Status.RESOURCE_EXHAUSTED.withDescription("route '" + route.name + "': message #" + (index + 1)
                        + " is " + data.length + " bytes, more than the maximum message size of "
                        + route.maxMessageSize + " bytes"));
                return;
            }
            index++;
            route.countSent();           // taken from the channel, handed to gRPC
            credit.decrementAndGet();
            call.sendMessage(data);
        }
    }

    private void finish(@Nullable Status status) {
        done = true;
        Watch w = watch;
        if (w != null) {
            w.cancel();
        }
        rx.close();
        route.ended(this);
        if (status != null && !cancelled) {
            try {
                call.close(status, new Metadata());
            } catch (IllegalStateException alreadyClosed) {
                // the call ended meanwhile
            }
        }
    }
}
