package dev.sluice.rsocket;

import dev.sluice.Sender;
import dev.sluice.reactor.ChannelFlux;
import io.rsocket.Payload;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;

/**
 * An accepted route: one local channel's sending side, fed by remote senders over RSocket
 * request-channels.
 */
final class AcceptedRoute<T> {
    /*
     * Implementation notes.
     *
     * Every request-channel gets its own Sender clone and is driven by ChannelFlux.into(inbound,
     * clone): it requests payloads from the wire (REQUEST_N) only when the local channel has room,
     * so a full channel stops the remote sender's stream, which fills the remote sender's local
     * buffer and makes its blocking send wait. The first inbound payload only names the route
     * (empty data); it is dropped here, and the drop is replenished by one more request(1) (the
     * handle operator's rule), so demand stays within into's bound.
     *
     * A payload the codec cannot decode ends that stream with a CodecException naming the route
     * and the payload's index; the message is not put into the channel; the connection and the
     * other streams carry on. The remote sender sees the error as the cause of its disconnection.
     *
     * The server holds the handle it was given until it closes, so local receivers see
     * disconnection only when the server closes and every remote sender has finished.
     */
    final String name;
    final Codec<T> codec;
    private final AtomicReference<Sender<T>> held;
    private final AtomicInteger senders = new AtomicInteger();
    private final LongAdder received = new LongAdder();

    AcceptedRoute(String name, Sender<T> sender, Codec<T> codec) {
        this.name = name;
        this.codec = codec;
        this.held = new AtomicReference<>(sender);
    }

    /** The response of one remote sender's request-channel; {@code inbound} starts with the opening payload. */
    Flux<Payload> accept(Flux<Payload> inbound) {
        return Flux.defer(() -> {
            Sender<T> h = held.get();
            Sender<T> clone = null;
            try {
                clone = h == null ? null : h.clone();
            } catch (IllegalStateException closed) {
                // fall through
            }
            if (clone == null) {
                inbound.subscribe().dispose();   // nothing to feed: release the inbound stream
                return Flux.error(new IllegalStateException("route '" + name + "' is closed"));
            }
            senders.incrementAndGet();
            long[] index = {0};                  // payloads seen; handle() is serial
            Flux<T> messages = inbound.handle((payload, sink) -> {
                try {
                    long i = index[0]++;
                    if (i == 0) {
                        return;                  // the opening payload: route only
                    }
                    T msg = decode(payload, i);
                    received.increment();
                    sink.next(msg);
                } finally {
                    payload.release();
                }
            });
            Sender<T> own = clone;
            return ChannelFlux.into(messages, own)
                    .doFinally(signal -> {
                        own.close();             // our clone: into borrows it, we close it
                        senders.decrementAndGet();
                    })
                    .thenMany(Flux.<Payload>empty());
        });
    }

    private T decode(Payload payload, long index) {
        try {
            return codec.decode(payload.getData());
        } catch (CodecException e) {
            throw new CodecException("route '" + name + "' rejected message #" + index + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CodecException("route '" + name + "' rejected message #" + index + ": " + e, e);
        }
    }

    void close() {
        Sender<T> h = held.getAndSet(null);
        if (h != null) {
            h.close();
        }
    }

    int senders() {
        return senders.get();
    }

    long received() {
        return received.sum();
    }
}
