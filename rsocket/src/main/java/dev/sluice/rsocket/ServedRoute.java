package dev.sluice.rsocket;

import dev.sluice.Receiver;
import dev.sluice.reactor.ChannelFlux;
import io.rsocket.Payload;
import io.rsocket.util.DefaultPayload;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A served route: one local channel's receiving side, offered as an RSocket request-stream.
 */
final class ServedRoute<T> {
    /*
     * Implementation notes.
     *
     * Every request-stream gets its own Receiver clone, so remote subscribers compete with each
     * other and with any local receivers: each message goes to exactly one of them. The stream is
     * ChannelFlux.from(clone): it takes a message out of the channel only against REQUEST_N demand
     * from the wire (RSocket's responder forwards REQUEST_N to request(n) one to one), so the
     * messages "in flight" to a subscriber never exceed what it asked for, and a subscriber that
     * asks for nothing leaves the messages in the channel, where they fill it and make blocking
     * senders wait. When the stream ends (cancel, connection loss, completion) the Flux closes
     * its clone.
     *
     * Ownership of the handle given to the server, `held`:
     *  - keepOpen: held until the server closes, so the channel stays open for later subscribers
     *    even when none is connected (senders then wait on a full channel);
     *  - releaseWhenIdle: closed as soon as the first subscriber has its clone; from then on the
     *    route lives on the clones, and when the last remote subscriber goes (and no local
     *    receiver remains) the channel disconnects and the local senders see it, as they would
     *    if a local last receiver closed.
     * Later subscribers clone any live clone; none left means the route is closed.
     */
    final String name;
    final Codec<T> codec;
    private final boolean releaseWhenIdle;
    private final AtomicReference<Receiver<T>> held;
    private final Set<Receiver<T>> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final LongAdder sent = new LongAdder();

    ServedRoute(String name, Receiver<T> receiver, Codec<T> codec, boolean releaseWhenIdle) {
        this.name = name;
        this.codec = codec;
        this.releaseWhenIdle = releaseWhenIdle;
        this.held = new AtomicReference<>(receiver);
    }

    /** The stream for one remote subscriber. */
    Flux<Payload> stream() {
        return Flux.defer(() -> {
            Receiver<T> clone = cloneReceiver();
            if (clone == null) {
                return Flux.error(new IllegalStateException(
                        "route '" + name + "' is closed: its channel has no receiver left"));
            }
            subscribers.incrementAndGet();
            return ChannelFlux.from(clone)
                    .map(this::encode)
                    .doFinally(signal -> {
                        live.remove(clone);
                        subscribers.decrementAndGet();
                    });
        });
    }

    private Payload encode(T message) {
        byte[] data;
        try {
            data = codec.encode(message);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("route '" + name + "': cannot encode " + message.getClass().getName(), e);
        }
        sent.increment();                        // taken from the channel, handed to the wire
        return DefaultPayload.create(data);
    }

    private @Nullable Receiver<T> cloneReceiver() {
        Receiver<T> h = held.get();
        Receiver<T> clone = h == null ? null : tryClone(h);
        if (clone == null) {
            for (Receiver<T> r : live) {
                clone = tryClone(r);
                if (clone != null) {
                    break;
                }
            }
        }
        if (clone == null) {
            return null;
        }
        live.add(clone);
        if (releaseWhenIdle && h != null && held.compareAndSet(h, null)) {
            h.close();
        }
        return clone;
    }

    private static <T> @Nullable Receiver<T> tryClone(Receiver<T> r) {
        try {
            return r.clone();
        } catch (IllegalStateException closed) {
            return null;
        }
    }

    /** Releases the server's own handle (server shutdown); the streams end with their connections. */
    void close() {
        Receiver<T> h = held.getAndSet(null);
        if (h != null) {
            h.close();
        }
    }

    int subscribers() {
        return subscribers.get();
    }

    long sent() {
        return sent.sum();
    }
}
