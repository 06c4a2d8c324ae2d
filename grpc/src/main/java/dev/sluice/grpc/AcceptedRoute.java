package dev.sluice.grpc;

import dev.sluice.Sender;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * An accepted route: one local channel's sending side, fed by remote senders, each on its own
 * {@code Send} stream ({@link AcceptedStream}) with its own {@link Sender#clone() clone}. The
 * server holds the handle it was given until it closes, so local receivers see disconnection only
 * when the server closes and every remote sender has finished.
 */
final class AcceptedRoute<T> {
    /** The credit window towards a remote sender when the channel is unbounded. */
    static final int UNBOUNDED_WINDOW = 64;

    final String name;
    final Codec<T> codec;
    private final AtomicReference<Sender<T>> held;
    private final Set<AcceptedStream<T>> live = ConcurrentHashMap.newKeySet();
    private final LongAdder received = new LongAdder();

    AcceptedRoute(String name, Sender<T> sender, Codec<T> codec) {
        this.name = name;
        this.codec = codec;
        this.held = new AtomicReference<>(sender);
    }

    ServerCall.Listener<byte[]> start(ServerCall<byte[], byte[]> call) {
        Sender<T> clone = null;
        Sender<T> h = held.get();
        try {
            clone = h == null ? null : h.clone();
        } catch (IllegalStateException closed) {
            // the server is closing
        }
        if (clone == null) {
            call.close(Status.UNAVAILABLE.withDescription("route '" + name + "' is closed"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        // The window: messages granted and not yet in the channel. The channel's capacity, so
        // that a full channel holds back at most as many again on the wire.
        int window = clone.capacity().isPresent() ? Math.max(1, clone.capacity().getAsInt()) : UNBOUNDED_WINDOW;
        AcceptedStream<T> stream = new AcceptedStream<>(this, call, clone, window);
        live.add(stream);
        stream.open();
        return stream;
    }

    void ended(AcceptedStream<T> stream) {
        live.remove(stream);
    }

    void countReceived() {
        received.increment();
    }

    void close(Status status) {
        Sender<T> h = held.getAndSet(null);
        for (AcceptedStream<T> s : live) {
            s.terminate(status);
        }
        if (h != null) {
            h.close();
        }
    }

    int senders() {
        return live.size();
    }

    long received() {
        return received.sum();
    }
}
