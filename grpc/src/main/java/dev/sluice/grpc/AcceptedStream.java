package dev.sluice.grpc;

import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One remote sender's {@code Send} stream on the server: grants the client credits and puts what
 * arrives into the channel, in order, never blocking a thread.
 * <p>Algorithm: the server grants a window of {@code w} credits (the channel's capacity) when the
 * stream opens, and one more credit for each message that has gone into the channel (granted in
 * batches of {@code max(1, w / 4)}). Arrived messages wait in a queue; the head goes in with
 * {@link Sender#trySend}, or, when the channel is full, with {@link Sender#sendAsync} whose
 * completion restarts the loop; nothing else goes in until it completes, so the remote sender's
 * order is kept. A serial drain loop (work-in-progress counter) runs all of this and is the only
 * caller of {@link ServerCall} methods.
 * <p>Invariants: queued + pending + on the wire &le; {@code w} (the client sends only against
 * credit, and gRPC delivers only the messages {@code request}ed, which are the credits), so a
 * full channel holds back at most {@code w} messages beyond itself, and the remote sender's
 * {@code send} waits on its full local buffer; the clone is closed exactly once.
 */
final class AcceptedStream<T> extends ServerCall.Listener<byte[]> {
    private final AcceptedRoute<T> route;
    private final ServerCall<byte[], byte[]> call;
    private final Sender<T> tx;
    private final int window;
    private final int batch;
    private final Queue<T> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicReference<@Nullable Status> terminate = new AtomicReference<>();
    private volatile boolean cancelled;
    private volatile boolean halfClosed;
    private long index;                                   // listener thread only: messages decoded
    private @Nullable CompletableFuture<Void> pending;    // drain loop only
    private int toGrant;                                  // drain loop only
    private boolean done;                                 // drain loop only

    AcceptedStream(AcceptedRoute<T> route, ServerCall<byte[], byte[]> call, Sender<T> tx, int window) {
        this.route = route;
        this.call = call;
        this.tx = tx;
        this.window = window;
        this.batch = Math.max(1, window / 4);
    }

    void open() {
        if (wip.getAndIncrement() == 0) {
            call.sendHeaders(new Metadata());
            call.request(window);
            call.sendMessage(Wire.credit(window));
            loop(1);
        }
    }

    @Override
    public void onMessage(byte[] message) {
        long i = ++index;
        T msg;
        try {
            msg = route.codec.decode(java.nio.ByteBuffer.wrap(message));
        } catch (RuntimeException e) {
            String why = e instanceof CodecException ? e.getMessage() : e.toString();
            terminate(Status.INVALID_ARGUMENT.withDescription(
                    "route '" + route.name + "' rejected message #" + i + ": " + why));
            return;
        }
        if (msg == null) {
            terminate(Status.INVALID_ARGUMENT.withDescription(
                    "route '" + route.name + "' rejected message #" + i + ": the codec decoded it to null"));
            return;
        }
        route.countReceived();
        arrived.add(msg);
        drain();
    }

    @Override
    public void onHalfClose() {
        halfClosed = true;
        drain();
    }

    @Override
    public void onCancel() {
        cancelled = true;
        drain();
    }

    @Override
    public void onReady() {
        drain();
    }

    void terminate(Status status) {
        terminate.compareAndSet(null, status);
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
        if (cancelled) {
            finish(null);
            return;
        }
        Status t = terminate.get();
        if (t != null) {
            finish(t);
            return;
        }
        for (;;) {
            CompletableFuture<Void> p = pending;
            if (p != null) {
                if (!p.isDone()) {
                    break;
                }
                pending = null;
                if (p.isCompletedExceptionally()) {
                    finish(closedRoute());
                    return;
                }
                toGrant++;
            }
            T msg = arrived.poll();
            if (msg == null) {
                break;
            }
            TrySendResult r = tx.trySend(msg);
            if (r == TrySendResult.OK || r == TrySendResult.DROPPED) {
                toGrant++;
            } else if (r == TrySendResult.DISCONNECTED) {
                finish(closedRoute());
                return;
            } else {
                CompletableFuture<Void> f = tx.sendAsync(msg);
                pending = f;
                f.whenComplete((v, e) -> drain());
            }
        }
        if (halfClosed && pending == null && arrived.isEmpty()) {
            finish(Status.OK);
            return;
        }
        if (toGrant >= batch && !halfClosed) {
            int n = toGrant;
            toGrant = 0;
            call.request(n);
            call.sendMessage(Wire.credit(n));
        }
    }

    private Status closedRoute() {
        return Status.FAILED_PRECONDITION.withDescription("route '" + route.name
                + "' is closed: its channel has no receiver left or was closed for sending");
    }

    private void finish(@Nullable Status status) {
        done = true;
        arrived.clear();                 // on the wire from the sender's view: at-most-once
        tx.close();
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
