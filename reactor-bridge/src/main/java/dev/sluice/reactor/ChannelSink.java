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
 * single subscriber of {@link #asFlux()} takes them as it requests them. Legacy threads get a
 * blocking {@link Sender} on the same channel through {@link #sender()}: they wait while the
 * subscriber is slow instead of overflowing a buffer. Create one with
 * {@link ChannelSinks#many(int)}.
 *
 * <table>
 *   <caption>Emission results</caption>
 *   <tr><th>Situation</th><th>{@code tryEmitNext}</th></tr>
 *   <tr><td>room in the channel (rendezvous: the subscriber waits with demand)</td>
 *       <td>{@code OK}</td></tr>
 *   <tr><td>the channel is full (rendezvous: the subscriber has no demand now)</td>
 *       <td>{@code FAIL_OVERFLOW}</td></tr>
 *   <tr><td>rendezvous with no subscriber at all</td><td>{@code FAIL_ZERO_SUBSCRIBER}</td></tr>
 *   <tr><td>after {@code tryEmitComplete}/{@code tryEmitError}, or after a legacy sender called
 *       {@code closeChannel}</td><td>{@code FAIL_TERMINATED}</td></tr>
 *   <tr><td>after the subscriber cancelled</td><td>{@code FAIL_CANCELLED}</td></tr>
 * </table>
 * Concurrent emitters are safe (the channel is multi-producer), so {@code FAIL_NON_SERIALIZED}
 * never happens. Bounded and unbounded sinks buffer emissions made before the subscriber comes.
 * {@code tryEmitComplete}/{@code tryEmitError} end the stream after the buffered items, and make
 * later sends of legacy senders fail with {@link dev.sluice.SendDisconnectedException}. The
 * {@code emit*(…, handler)} methods follow Reactor's {@link EmitFailureHandler} contract: the
 * handler decides whether to retry; otherwise {@code FAIL_OVERFLOW} discards the value and
 * terminates the sink with {@link Exceptions#failWithOverflow()}, {@code FAIL_CANCELLED}
 * discards it, {@code FAIL_TERMINATED} drops it ({@code onNextDropped}),
 * {@code FAIL_ZERO_SUBSCRIBER} ignores it. To wait for room rather than fail, send from a thread
 * that may block, through {@link #sender()}.
 *
 * <p>{@link #asFlux()} allows one subscriber (unicast): a second one gets
 * {@link IllegalStateException}, and so does any subscriber after the first one ended. The
 * subscriber's {@code onNext} runs on the emitting thread (inside {@code tryEmitNext} or a legacy
 * {@code send}) or on the thread that calls {@code request(n)}; use {@code publishOn} to move it.
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
     * consequence legacy senders closing their clones never end the stream; only termination (or
     * a legacy closeChannel) does. Like any Reactor sink, a sink that is never terminated leaves
     * its subscriber waiting.
     *
     * Core's trySend reports DISCONNECTED both when the channel was closed for sending and when
     * the receiver is gone; the sink tells them apart with its own flags: `cancelled` is set by
     * the FluxReceiver before it closes the receiver, `terminated` by tryEmitComplete/Error.
     */

    private final int capacity;
    private final Sender<T> sender;
    private final FluxReceiver<T> flux;

    volatile int terminated;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<ChannelSink> TERMINATED =
            AtomicIntegerFieldUpdater.newUpdater(ChannelSink.class, "terminated");

    /** The subscriber went away (cancel, bad request, onNext threw) before the channel ended. */
    volatile boolean cancelled;

    ChannelSink(int capacity) {
        this(capacity, OverflowPolicy.BLOCK);
    }

    /** A sink whose bounded channel applies {@code overflow} (dropped items go to Reactor's discard hook). */
    ChannelSink(int capacity, OverflowPolicy overflow) {
        this.capacity = capacity;
        Channel<T> channel = capacity == Demand.UNBOUNDED
                ? Channel.unbounded(this::discard)
                : Channel.bounded(capacity, overflow, this::discard);
        this.sender = channel.sender();
        this.flux = new FluxReceiver<>(channel.receiver(), this::markCancelled);
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
                return capacity == 0 && flux.subscriberCount() == 0
                        ? EmitResult.FAIL_ZERO_SUBSCRIBER
                        : EmitResult.FAIL_OVERFLOW;
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

    @Override
    public void emitNext(T t, EmitFailureHandler failureHandler) {
        for (;;) {
            EmitResult result = tryEmitNext(t);
            if (result.isSuccess()) {
                return;
            }
            if (failureHandler.onEmitFailure(SignalType.ON_NEXT, result)) {
                continue;
            }
            switch (result) {
                case FAIL_OVERFLOW:
                    Operators.onDiscard(t, flux.subscriberContext);
                    emitError(Exceptions.failWithOverflow("Backpressure overflow during Sinks.Many#emitNext"),
                            failureHandler);
                    return;
                case FAIL_CANCELLED:
                    Operators.onDiscard(t, flux.subscriberContext);
                    return;
                case FAIL_TERMINATED:
                    Operators.onNextDropped(t, flux.subscriberContext);
                    return;
                default:                                 // FAIL_ZERO_SUBSCRIBER: nobody to tell
                    return;
            }
        }
    }

    @Override
    public void emitComplete(EmitFailureHandler failureHandler) {
        for (;;) {
            EmitResult result = tryEmitComplete();
            if (result.isSuccess() || !failureHandler.onEmitFailure(SignalType.ON_COMPLETE, result)) {
                return;
            }
        }
    }

    @Override
    public void emitError(Throwable error, EmitFailureHandler failureHandler) {
        for (;;) {
            EmitResult result = tryEmitError(error);
            if (result.isSuccess()) {
                return;
            }
            if (failureHandler.onEmitFailure(SignalType.ON_ERROR, result)) {
                continue;
            }
            if (result == EmitResult.FAIL_TERMINATED) {
                Operators.onErrorDropped(error, flux.subscriberContext);
            }
            return;
        }
    }

    /** 1 while {@link #asFlux()} has a subscriber, else 0. */
    @Override
    public int currentSubscriberCount() {
        return flux.subscriberCount();
    }

    /**
     * The stream of emitted values; one subscriber only (see the class notes). Always the same
     * instance.
     */
    @Override
    public Flux<T> asFlux() {
        return flux;
    }

    /**
     * A new blocking {@link Sender} on this sink's channel, for a legacy thread; the caller closes
     * it. Its {@code send} waits while the channel is full (or, for a rendezvous, until the
     * subscriber takes the value), and fails with {@link dev.sluice.SendDisconnectedException} once
     * the sink is terminated or the subscriber cancelled. Closing it does not end the stream; its
     * {@code closeChannel(cause)} does (later emissions get {@code FAIL_TERMINATED}).
     *
     * <pre>{@code
     * ChannelSink<Reading> sink = ChannelSinks.many(64);
     * Sender<Reading> tx = sink.sender();
     * new Thread(() -> {
     *     try (tx) {
     *         while (device.isOpen()) tx.send(device.read());   // blocks when the client is slow
     *     } catch (InterruptedException | SendDisconnectedException e) { } // client went away
     * }).start();
     * return sink.asFlux();
     * }</pre>
     */
    public Sender<T> sender() {
        return sender.clone();
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.BUFFERED) {
            return sender.len();
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
        return "ChannelSink{capacity=" + (capacity == Demand.UNBOUNDED ? "unbounded" : capacity)
                + ", subscribers=" + currentSubscriberCount() + "}";
    }
}
