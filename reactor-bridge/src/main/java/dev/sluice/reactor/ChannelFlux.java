package dev.sluice.reactor;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Adapters between Sluice channels and Reactive Streams, with the subscriber's demand mapped
 * onto the channel's capacity: blocking threads and reactive pipelines exchange data with real
 * backpressure, and no adapter ever blocks or parks a thread.
 *
 * <table>
 *   <caption>The bridge</caption>
 *   <tr><th>Name</th><th>Result</th><th>Behaviour</th></tr>
 *   <tr><td>{@link #from(Receiver) from(rx)}</td><td>{@code Flux<T>}</td>
 *       <td>Emits at most what was requested; with no demand messages stay in the channel, so a
 *       bounded channel makes blocking senders wait. Completes when the channel is empty and
 *       disconnected, errors with its close cause after the buffered items. Cancel closes the
 *       receiver handle. One subscriber per handle; subscribe clones to compete.</td></tr>
 *   <tr><td>{@link #toReceiver(Publisher, int) toReceiver(p, n)}</td><td>{@code Receiver<T>}</td>
 *       <td>A blocking consumer reads a reactive source. Upstream demand never exceeds the free
 *       capacity. Completion &rarr; disconnection after the buffered items, error &rarr; the cause
 *       after them, closing the receiver cancels the upstream at once.</td></tr>
 *   <tr><td>{@link #into(Publisher, Sender) into(p, tx)}</td><td>{@code Mono<Void>}</td>
 *       <td>Drives a source into a channel shared with blocking senders, requesting only when
 *       there is room. Completes when everything was sent; fails with the source's error or, at
 *       once, with {@link dev.sluice.SendDisconnectedException} when the receivers are gone.
 *       Leaves {@code tx} open.</td></tr>
 * </table>
 *
 * <h2>Ownership</h2>
 * A handle the bridge created is closed by the bridge; a handle you pass to {@code into} stays
 * yours and open. {@code from(rx)} is the one that takes over: a Flux over a receiver closes it
 * when its subscription ends, because closing the receiver is how blocking senders learn that
 * the subscriber is gone (their {@code send} fails instead of waiting forever).
 *
 * <h2>Capacity &rarr; demand</h2>
 * <table>
 *   <caption>How much the adapters request from a Reactive Streams source</caption>
 *   <tr><th>Channel</th><th>Requests</th></tr>
 *   <tr><td>{@code bounded(0)} (rendezvous)</td><td>1 at a time, only while a receiver waits</td></tr>
 *   <tr><td>{@code bounded(n)}</td><td>the free room, never more than {@code n} outstanding;
 *       replenished in batches of at least 75% of {@code n} (Reactor's {@code limitRate} rule):
 *       always for {@code toReceiver}, while the source still owes items for {@code into}</td></tr>
 *   <tr><td>{@code unbounded()}</td><td>{@code Long.MAX_VALUE}</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * No adapter has a thread of its own. {@code from}: {@code onNext} runs on the thread that calls
 * {@code request(n)} (usually the subscriber's) or on the sending thread that made a message
 * available, inside its {@code send} call; add {@code .publishOn(scheduler)} to keep subscriber
 * work off producer threads. {@code toReceiver}: the source's {@code request} runs on the
 * consumer's thread as it takes messages. {@code into}: sends run on the source's {@code onNext}
 * thread or on a receiver's thread that made room. Every flavor, rendezvous included, works on
 * the threads of the two parties; nothing is ever scheduled.
 *
 * <p>The first use of this class installs {@link ReactorBlockingGuard} (unless another guard is
 * installed), so a blocking {@code send}/{@code recv} on a Reactor non-blocking thread fails fast.
 */
public final class ChannelFlux {
    static {
        ReactorBlockingGuard.installByDefault();
    }

    private ChannelFlux() {
    }

    /**
     * A {@link Flux} of the messages of {@code receiver}, which it takes from the channel only as
     * they are requested. The Flux owns the handle: it closes it when its subscription ends
     * (completion, error or cancellation; closing the last receiver makes senders fail at once and
     * wakes blocked ones), and it allows a single subscriber: a second one, or any after the
     * first ended, gets {@link IllegalStateException}. Subscribe a {@link Receiver#clone() clone}
     * per subscriber for competing consumers.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(16);
     * Sender<String> tx = ch.sender();
     * new Thread(() -> {                                   // a legacy, blocking producer
     *     try (tx) {
     *         for (int i = 0; i < 100; i++) tx.send("tick " + i);   // waits when nobody reads
     *     } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
     * }).start();
     * ChannelFlux.from(ch.receiver())
     *     .publishOn(Schedulers.boundedElastic())
     *     .limitRate(8)
     *     .subscribe(System.out::println);                 // completes when tx closes
     * }</pre>
     *
     * Demand: {@code request(n)} takes up to {@code n} messages; with no demand a
     * {@code bounded(n)} channel fills up and blocked senders wait until the next request. The
     * Flux completes when the channel is empty and every sender is closed, and errors with the
     * cause given to {@link Sender#closeChannel(Throwable)} after the buffered messages.
     * {@code request(n <= 0)} signals {@link IllegalArgumentException} (rule 3.9).
     */
    public static <T> Flux<T> from(Receiver<T> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return new FluxReceiver<>(receiver, null);
    }

    /**
     * A {@link Receiver} that a blocking consumer reads, fed by {@code source} with at most
     * {@code capacity} items buffered ({@code 0} = rendezvous, {@code Integer.MAX_VALUE} =
     * unbounded). The source is subscribed at once and never asked for more than the free room.
     *
     * <p>Demand comes in batches, as with Reactor's {@code limitRate}: {@code capacity} first,
     * then, as the consumer takes items, top-ups of at least {@code capacity - capacity/4}, so a
     * slow consumer does not cost one {@code request(1)} per item (over a network, one frame per
     * item): with nothing on its way, the bridge waits until the consumer has freed that much
     * room ({@link dev.sluice.Sender#watchSendable(int, Runnable)}). The receiver's channel holds
     * the whole {@code capacity} ({@link Receiver#capacity()} reports it).
     *
     * <pre>{@code
     * try (Receiver<Long> rx = ChannelFlux.toReceiver(Flux.interval(Duration.ofMillis(10)).take(50), 8)) {
     *     for (long tick : rx) {                          // blocks; ends when the Flux completes
     *         legacyApi.process(tick);
     *     }
     * }
     * }</pre>
     *
     * When the source completes, the receiver gets the buffered items and then disconnection (the
     * iteration ends); when it fails, the buffered items and then a
     * {@link dev.sluice.DisconnectedException} with the error as cause. Closing the receiver (the
     * last one, if cloned) cancels the source at once, whether or not an item is pending.
     * A source that sends more than requested makes the receiver fail with an overflow error;
     * {@code onNext} never blocks. For a rendezvous ({@code 0}) an item is requested only while a
     * receiver is blocked in {@code recv} (or has a pending {@code recvAsync}), so a consumer
     * that only polls with {@code tryRecv} should use a capacity of at least 1.
     *
     * @throws IllegalArgumentException if {@code capacity < 0}, or if
     *         {@code Channel.MAX_CAPACITY < capacity < Integer.MAX_VALUE} (core's limit; only
     *         {@code Integer.MAX_VALUE} means unbounded)
     */
    public static <T> Receiver<T> toReceiver(Publisher<? extends T> source, int capacity) {
        Objects.requireNonNull(source, "source");
        Demand.checkCapacity(capacity);
        Channel<T> channel = capacity == Demand.UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity);
        Receiver<T> receiver = channel.receiver();
        // The bridge owns the channel's only sender: the source's end ends the channel. The Mono's
        // own outcome (SendDisconnectedException once the receivers are gone) has nobody to tell.
        new MonoSendInto<>(source, channel.sender(), true).subscribe(OutcomeIgnored.<Void>instance());
        return receiver;
    }

    /**
     * A {@code Mono<Void>} that, when subscribed, sends every item of {@code source} into the
     * channel of {@code sender}, which blocking threads may share: it requests items only when the
     * channel has room, so the source is slowed down by the channel's receivers, and no thread
     * waits.
     *
     * <pre>{@code
     * Channel<Event> ch = Channel.bounded(64);
     * Sender<Event> tx = ch.sender();
     * ChannelFlux.into(webSocketEvents, tx)
     *     .doFinally(signal -> tx.close())                // the handle stays ours: close it
     *     .subscribe();                                   // the reactive side
     * for (Event e : ch.receiver()) legacyApi.handle(e);   // a blocking consumer
     * }</pre>
     *
     * <p>The Mono borrows {@code sender}: it never closes the handle, which stays the caller's
     * (close it when the Mono ends, for example in {@code doFinally}), and each subscription
     * subscribes the source anew. It completes when every item is in the channel and the source
     * completed; it fails with the source's error after the items received before it, or with
     * {@link dev.sluice.SendDisconnectedException} as soon as every receiver is closed or another
     * sender closed the channel, whether or not an item is pending (the source is then
     * cancelled; {@code message()} is the first item not sent, or {@code null}). The source's
     * error is <em>not</em> passed on to the channel, which other senders share; to end the
     * stream for the receivers, call {@code closeChannel(cause)} from
     * {@code onErrorResume}/{@code doOnError}.
     *
     * @throws IllegalStateException from the Mono (as an error signal) if {@code sender} is closed
     */
    public static <T> Mono<Void> into(Publisher<? extends T> source, Sender<T> sender) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sender, "sender");
        return new MonoSendInto<>(source, sender);
    }
}
