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
 *       after them, closing the receiver cancels the upstream.</td></tr>
 *   <tr><td>{@link #into(Publisher, Sender) into(p, tx)}</td><td>{@code Mono<Void>}</td>
 *       <td>Drives a source into a channel shared with blocking senders, requesting only when
 *       there is room. Completes when everything was sent; fails with the source's error or with
 *       {@link dev.sluice.SendDisconnectedException} when the receivers are gone.</td></tr>
 * </table>
 *
 * <h2>Capacity &rarr; demand</h2>
 * <table>
 *   <caption>How much the adapters request from a Reactive Streams source</caption>
 *   <tr><th>Channel</th><th>Requests</th></tr>
 *   <tr><td>{@code bounded(0)} (rendezvous)</td><td>1 at a time, only while a receiver waits</td></tr>
 *   <tr><td>{@code bounded(n)}</td><td>{@code n}, then replenished with the room that frees up,
 *       in batches of at least 75% of {@code n} while the source still owes items (Reactor's
 *       {@code limitRate} rule)</td></tr>
 *   <tr><td>{@code unbounded()}</td><td>{@code Long.MAX_VALUE}</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * No adapter has a thread of its own. {@code from}: {@code onNext} runs on the thread that calls
 * {@code request(n)} (usually the subscriber's) or on the sending thread that made a message
 * available, inside its {@code send} call; add {@code .publishOn(scheduler)} to keep subscriber
 * work off producer threads. {@code toReceiver}: the source's {@code request} runs on the
 * consumer's thread as it takes messages (for a rendezvous, on {@code Schedulers.boundedElastic()}).
 * {@code into}: sends run on the source's {@code onNext} thread or on a receiver's thread that
 * made room (for a rendezvous, on {@code Schedulers.boundedElastic()}).
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
     * A {@link Receiver} that a blocking consumer reads, fed by {@code source} through a private
     * channel of {@code capacity} ({@code 0} = rendezvous, {@code Integer.MAX_VALUE} = unbounded).
     * The source is subscribed at once and never asked for more than the channel can hold.
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
     * {@link dev.sluice.DisconnectedException} with the error as cause. Closing the receiver cancels
     * the source: at once while the bridge waits for room, otherwise at the source's next item.
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
        source.subscribe(new ReceiverSubscriber<T>(channel.sender(), capacity));
        return channel.receiver();
    }

    /**
     * A {@code Mono<Void>} that, when subscribed, sends every item of {@code source} into the
     * channel of {@code sender}, which blocking threads may share: it requests items only when the
     * channel has room, so the source is slowed down by the channel's receivers, and no thread
     * waits.
     *
     * <pre>{@code
     * Channel<Event> ch = Channel.bounded(64);
     * Mono<Void> pump = ChannelFlux.into(webSocketEvents, ch.sender());
     * pump.subscribe();                                   // the reactive side
     * for (Event e : ch.receiver()) legacyApi.handle(e);   // a blocking consumer
     * }</pre>
     *
     * <p>The Mono owns {@code sender}: it closes the handle when the source terminates, when the
     * receivers are gone or when the Mono is cancelled, and it can be subscribed only once. It
     * completes when every item is in the channel and the source completed; it fails with the
     * source's error after the items received before it, or with
     * {@link dev.sluice.SendDisconnectedException} when every receiver is closed (the source is then
     * cancelled). The source's error is <em>not</em> passed on to the channel, which other senders
     * share; to end the stream for the receivers, close the other handles, or call
     * {@code closeChannel(cause)} from {@code onErrorResume}/{@code doOnError}.
     */
    public static <T> Mono<Void> into(Publisher<? extends T> source, Sender<T> sender) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sender, "sender");
        return new MonoSendInto<>(source, sender);
    }
}
