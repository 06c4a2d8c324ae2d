package dev.sluice.grpc;

import dev.sluice.Receiver;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A served route: one local channel's receiving side, offered to remote receivers, each on its own
 * {@code Receive} stream ({@link ServedStream}) with its own {@link Receiver#clone() clone}, so
 * remote receivers compete with each other and with local ones: each message goes to exactly one.
 * The server holds the handle it was given until it closes, so the channel stays open while no
 * remote receiver is connected (its senders then wait on a full channel).
 */
final class ServedRoute<T> {
    final String name;
    final Codec<T> codec;
    final int maxMessageSize;
    private final AtomicReference<Receiver<T>> held;
    private final Set<ServedStream<T>> live = ConcurrentHashMap.newKeySet();
    private final LongAdder sent = new LongAdder();

    ServedRoute(String name, Receiver<T> receiver, Codec<T> codec, int maxMessageSize) {
        this.name = name;
        this.codec = codec;
        this.maxMessageSize = maxMessageSize;
        this.held = new AtomicReference<>(receiver);
    }

    /** Starts one remote receiver's stream (the call was authorized already). */
    ServerCall.Listener<byte[]> start(ServerCall<byte[], byte[]> call) {
        Receiver<T> clone = null;
        Receiver<T> h = held.get();
        try {
            clone = h == null ? null : h.clone();
        } catch (IllegalStateException closed) {
            // the server is closing
        }
        if (clone == null) {
            call.close(Status.UNAVAILABLE.withDescription("route '" + name + "' is closed"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        ServedStream<T> stream = new ServedStream<>(this, call, clone);
        live.add(stream);
        stream.open();
        return stream;
    }

    void ended(ServedStream<T> stream) {
        live.remove(stream);
    }

    void countSent() {
        sent.increment();
    }

    /** Ends every stream with {@code status} and releases the server's handle. */
    void close(Status status) {
        Receiver<T> h = held.getAndSet(null);
        for (ServedStream<T> s : live) {
            s.terminate(status);
        }
        if (h != null) {
            h.close();
        }
    }

    int subscribers() {
        return live.size();
    }

    long sent() {
        return sent.sum();
    }
}
