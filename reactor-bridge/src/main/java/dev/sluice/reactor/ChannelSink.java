package dev.sluice.reactor;

import dev.sluice.Channel;
import dev.sluice.OverflowPolicy;
import dev.sluice.Sender;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.Sinks.EmitFailureHandler;
import reactor.core.publisher.Sinks.EmitResult;

/**
 * A Reactor {@link Sinks.Many} backed by a Sluice channel: emissions go into the channel and the
 * subscribers of {@link #asFlux()} take them as they request them. Legacy threads get blocking
 * {@link Sender} handles on the same channel through {@link #newSender()}: they wait while the
 * subscribers are slow instead of overflowing a buffer. Create one with
 * {@link ChannelSinks#many(int)} (one subscriber) or {@link ChannelSinks#multicast(int)} (every
 * subscriber sees every element, the slowest one sets the pace).
 *
 * <table>
 *   <caption>Emission results (as Reactor's own sinks answer them)</caption>
 *   <tr><th>Situation</th><th>{@code tryEmitNext}</th></tr>
 *   <tr><td>room in the channel (rendezvous: the subscriber waits with demand)</td>
 *       <td>{@code OK}</td></tr>
 *   <tr><td>the channel is full and a subscriber is attached (rendezvous: it has no demand now)</td>
 *       <td>{@code FAIL_OVERFLOW}</td></tr>
 *   <tr><td>the channel is full (rendezvous: always) and no subscriber is attached yet</td>
 *       <td>{@code FAIL_ZERO_SUBSCRIBER}</td></tr>
 *   <tr><td>after {@code tryEmitComplete}/{@code tryEmitError}, or after a legacy sender called
 *       {@code closeChannel}</td><td>{@code FAIL_TERMINATED}</td></tr>
 *   <tr><td>after the subscriber cancelled (multicast: after the last one went away)</td>
 *       <td>{@code FAIL_CANCELLED}</td></tr>
 * </table>
 * Concurrent emitters are safe (the channel is multi-producer), so {@code FAIL_NON_SERIALIZED}
 * never happens, where Reactor's serialized sinks answer it to a second concurrent emitter. The
 * sinks buffer emissions made before the first subscriber comes, up to the channel's capacity.
 * {@code tryEmitComplete}/{@code tryEmitError} end the stream after the buffered items, and make
 * later sends of legacy senders fail with {@link dev.sluice.SendDisconnectedException}.
 *
 * <p>The {@code emit*(…, handler)} methods treat results exactly as Reactor's sinks do: the
 * handler is asked first and decides whether to retry; if it does not, {@code emitNext} discards
 * the value on {@code FAIL_OVERFLOW} (Reactor's {@code onDiscard} hook) and then terminates the
 * sink with {@link Exceptions#failWithOverflow()} through {@code emitError}, discards it on
 * {@code FAIL_CANCELLED}, drops it on {@code FAIL_TERMINATED} ({@code onNextDropped}), and
 * ignores it on {@code FAIL_ZERO_SUBSCRIBER} (no subscriber, no context to tell); {@code emitError}
 * drops the error on {@code FAIL_TERMINATED} ({@code onErrorDropped}); {@code emitComplete} gives
 * up silently. Since this sink never answers {@code FAIL_NON_SERIALIZED},
 * {@link EmitFailureHandler#busyLooping} (which retries only that result) behaves like
 * {@link EmitFailureHandler#FAIL_FAST}. A handler that retries {@code FAIL_OVERFLOW} spins on the
 * emitting thread; to wait for room rather than spin, send from a thread that may block, through
 * {@link #newSender()}.
 *
 * <p>{@code many(n)}: {@link #asFlux()} allows one subscriber (unicast): a second one gets
 * {@link IllegalStateException}, and so does any subscriber after the first one ended. The
 * subscriber's {@code onNext} runs on the emitting thread (inside {@code tryEmitNext} or a legacy
 * {@code send}) or on the thread that calls {@code request(n)}; use {@code publishOn} to move it.
 * For {@code multicast(n)} see {@link ChannelSinks#multicast(int)}.
 *
 * <p>Scan: {@code BUFFERED} is the number of items in the channel (multicast: plus those its
 * fan-out stage took and has not handed to every subscriber yet), {@code CAPACITY} the channel's capacity
 * ({@code Integer.MAX_VALUE} when unbounded), {@code TERMINATED} is true once the sink was
 * terminated (also by a legacy {@code closeChannel}), {@code CANCELLED} once the subscriber went
 * away (multicast: the last one).
 *
 * @param <T> the element type
 */
public final class ChannelSink<T> implements Sinks.Many<T> {
    /*
     * Implementation notes.
     *
     * The sink holds the channel's first sender handle for its whole life and never closes it:
     * tryEmitNext is a plain trySend on it, so concurrent emitters never race with a close (a send
     * on a closed handle would throw). Termination closes the channel for every sender through a
     * short-lived clone (closeChannel(cause)), which also disconnects legacy senders. As a
     * consequence legacy senders closing their handles never end the stream; only termination (or
     * a legacy closeChannel) does. Like any Reactor sink, a sink that is never terminated leaves
     * its subscribers waiting.
     *
     * Core's trySend reports DISCONNECTED both when the channel was closed for sending and when
     * the receiver is gone; the sink tells them apart with its own flags: `cancelled` is set by
     * the FluxReceiver before it closes the receiver, `terminated` by tryEmitComplete/Error.
     *
     * FULL becomes FAIL_ZERO_SUBSCRIBER when nobody is subscribed, as in Reactor's unicast sink
     * ("never subscribed and no room") and multicast sink ("no subscriber and no room"). A unicast
     * subscriber that is leaving has a short window in which it no longer counts but the receiver
     * is not closed yet; `cancelled` is checked so that window answers FAIL_CANCELLED as soon as
     * the FluxReceiver announced the cancel.
     *
     * Output. Unicast: the FluxReceiver itself. Multicast: a MulticastFlux over it (its notes
     * explain the fan-out). The channel's discard hook (buffered items dropped when the receiver
     * closes, items shed by an overflow policy) uses the FluxReceiver's subscriber context, like
     * Reactor's sinks use their subscriber's.
     */

    private final int capacity;
    private final Sender<T> sender;
    private final FluxReceiver<T> flux;
    private final @Nullable MulticastFlux<T> multicast;

    volatile int terminated;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<ChannelSink> TERMINATED =
            AtomicIntegerFieldUpdater.newUpdater(ChannelSink.class, "terminated");

    /** The subscriber went away (cancel, bad request, onNext threw) before the channel ended. */
    volatile boolean cancelled;

    ChannelSink(int capacity) {
        this(capacity, OverflowPolicy.BLOCK, false);
    }

    /**
     * A sink whose bounded channel applies {@code overflow} (dropped items go to Reactor's discard
     * hook), unicast or multicast.
     */
    ChannelSink(int capacity, OverflowPolicy overflow, boolean multicast) {
        this.capacity = capacity;
        Channel<T> channel = capacity == Demand.UNBOUNDED
                ? Channel.unbounded(this::discard)
                : Channel.bounded(capacity, overflow, this::discard);
        this.sender = channel.sender();
        this.flux = new FluxReceiver<>(channel.receiver(), this::markCancelled);
        this.multicast = multicast ? new MulticastFlux<>(flux) : null;
    }

    private void markCancelled() {
        cancelled = true;
    }

    private void discard(T message) {
        Operators.onDiscard(message, flux.subscriberContext);
    }

    @Override
    public EmitResult tryEmitNext(T t) {
        Objects.requireNonNull(t, "t");
        if (terminated != 0) {
            return EmitResult.FAIL_TERMINATED;
        }
        switch (sender.trySend(t)) {
            case OK:
            case DROPPED:                        // a dropping channel took it and shed one per its policy
                return EmitResult.OK;
            case FULL:
                if (currentSubscriberCount() != 0) {
                    return EmitResult.FAIL_OVERFLOW;
                }
                return cancelled ? EmitResult.FAIL_CANCELLED : EmitResult.FAIL_ZERO_SUBSCRIBER;
            default:
                return terminated != 0 || !cancelled ? EmitResult.FAIL_TERMINATED : EmitResult.FAIL_CANCELLED;
        }
    }

    @Override
    public EmitResult tryEmitComplete() {
        return terminate(null);
    }

    @Override
    public EmitResult tryEmitError(Throwable error) {
        Objects.requireNonNull(error, "error");
        return terminate(error);
    }

    private EmitResult terminate(@Nullable Throwable cause) {
        if (terminated != 0) {
            return EmitResult.FAIL_TERMINATED;
        }
        if (cancelled) {
            return EmitResult.FAIL_CANCELLED;
        }
        if (sender.isDisconnected()) {                 // a legacy closeChannel, or a cancel just now
            return cancelled ? EmitResult.FAIL_CANCELLED : EmitResult.FAIL_TERMINATED;
        }
        if (!TERMINATED.compareAndSet(this, 0, 1)) {
            return EmitResult.FAIL_TERMINATED;
        }
        sender.clone().closeChannel(cause);            // ends the stream after the buffered items
        return EmitResult.OK;
    }

    /*
     * The emit* methods: Reactor's failure treatment (InternalManySink's defaults), result by
     * result. FAIL_NON_SERIALIZED is never produced here; it is listed so that the switch covers
     * every result the way Reactor's does (a handler cannot invent results, but a future Reactor
     * may add one: that is an EmissionException, as in Reactor).
     */

    @Override
    public void emitNext(T t, EmitFailureHandler failureHandler) {
        EmitResult result;
        do {
            result = tryEmitNext(t);
            if (result.isSuccess()) {
                return;
            }
        } while (failureHandler.onEmitFailure(SignalType.ON_NEXT, result));
        switch (result) {
            case FAIL_ZERO_SUBSCRIBER -> { }                                  // nobody to tell
            case FAIL_OVERFLOW -> {
                Operators.onDiscard(t, flux.subscriberContext);
                emitError(Exceptions.failWithOverflow("Backpressure overflow during Sinks.Many#emitNext"),
                        failureHandler);                                   // drops it if terminated meanwhile
            }
            case FAIL_CANCELLED -> Operators.onDiscard(t, flux.subscriberContext);
            case FAIL_TERMINATED -> Operators.onNextDropped(t, flux.subscriberContext);
            default -> throw unexpected(result);
        }
    }

    @Override
    public void emitComplete(EmitFailureHandler failureHandler) {
        EmitResult result;
        do {
            result = tryEmitComplete();
            if (result.isSuccess()) {
                return;
            }
        } while (failureHandler.onEmitFailure(SignalType.ON_COMPLETE, result));
        switch (result) {
            case FAIL_ZERO_SUBSCRIBER, FAIL_OVERFLOW, FAIL_CANCELLED, FAIL_TERMINATED -> { }
            default -> throw unexpected(result);
        }
    }

    @Override
    public void emitError(Throwable error, EmitFailureHandler failureHandler) {
        EmitResult result;
        do {
            result = tryEmitError(error);
            if (result.isSuccess()) {
                return;
            }
        } while (failureHandler.onEmitFailure(SignalType.ON_ERROR, result));
        switch (result) {
            case FAIL_ZERO_SUBSCRIBER, FAIL_OVERFLOW, FAIL_CANCELLED -> { }
            case FAIL_TERMINATED -> Operators.onErrorDropped(error, flux.subscriberContext);
            default -> throw unexpected(result);
        }
    }

    private static Sinks.EmissionException unexpected(EmitResult result) {
        return new Sinks.EmissionException(result, result == EmitResult.FAIL_NON_SERIALIZED
                ? "Spec. Rule 1.3 - onSubscribe, onNext, onError and onComplete signaled to a Subscriber MUST be"
                        + " signaled serially."
                : "Unknown emitResult value");
    }

    /** Unicast: 1 while {@link #asFlux()} has a subscriber, else 0. Multicast: the current subscribers. */
    @Override
    public int currentSubscriberCount() {
        return multicast != null ? multicast.subscriberCount() : flux.subscriberCount();
    }

    /**
     * The stream of emitted values: one subscriber only for {@code many(n)}, any number for
     * {@code multicast(n)} (see the class notes). Always the same instance.
     */
    @Override
    public Flux<T> asFlux() {
        return multicast != null ? multicast : flux;
    }

    /**
     * A new blocking {@link Sender} handle on this sink's channel, for a legacy thread: the caller
     * owns it and must close it (each call makes one more handle, unlike
     * {@link Channel#sender()}, which returns the channel's shared one). Its {@code send} waits
     * while the channel is full (or, for a rendezvous, until the subscriber takes the value), and
     * fails with {@link dev.sluice.SendDisconnectedException} once the sink is terminated or the
     * subscriber cancelled. Closing it does not end the stream; its {@code closeChannel(cause)}
     * does (later emissions get {@code FAIL_TERMINATED}). A handle that is never closed is
     * released by a {@code Cleaner} once unreachable: a fallback, not a style.
     *
     * <pre>{@code
     * ChannelSink<Reading> sink = ChannelSinks.many(64);
     * Sender<Reading> tx = sink.newSender();
     * new Thread(() -> {
     *     try (tx) {
     *         while (device.isOpen()) tx.send(device.read());   // blocks when the client is slow
     *     } catch (InterruptedException | SendDisconnectedException e) { } // client went away
     * }).start();
     * return sink.asFlux();
     * }</pre>
     *
     * @return a new handle, which the caller closes
     */
    public Sender<T> newSender() {
        return sender.clone();
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.BUFFERED) {
            return multicast != null ? sender.len() + multicast.fanOutBuffered() : sender.len();
        }
        if (key == Attr.CAPACITY) {
            return capacity;
        }
        if (key == Attr.TERMINATED) {
            return terminated != 0 || (sender.isDisconnected() && !cancelled);
        }
        if (key == Attr.CANCELLED) {
            return cancelled;
        }
        return null;
    }

    @Override
    public String toString() {
        return "ChannelSink{" + (multicast != null ? "multicast, " : "")
                + "capacity=" + (capacity == Demand.UNBOUNDED ? "unbounded" : capacity)
                + ", subscribers=" + currentSubscriberCount() + "}";
    }
}
