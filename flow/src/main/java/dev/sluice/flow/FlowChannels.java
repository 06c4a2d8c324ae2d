package dev.sluice.flow;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Adapters between Sluice channels and {@link java.util.concurrent.Flow}, the JDK's Reactive
 * Streams interfaces, with the subscriber's demand mapped onto the channel's capacity: Mutiny,
 * RxJava 3 (through {@code FlowAdapters}), Helidon, Pekko/Akka Streams, the JDK's
 * {@code HttpClient} and any other {@code Flow} library exchange data with blocking threads with
 * real backpressure, and no adapter ever blocks or parks a thread. No dependency beyond
 * {@code sluice-core}.
 *
 * <table>
 *   <caption>The adapters</caption>
 *   <tr><th>Name</th><th>Result</th><th>Behaviour</th></tr>
 *   <tr><td>{@link #publisher(Receiver) publisher(rx)}</td><td>{@code Flow.Publisher<T>}</td>
 *       <td>Emits at most what was requested; with no demand messages stay in the channel, so a
 *       bounded channel makes blocking senders wait. Completes when the channel is empty and
 *       disconnected, errors with its close cause after the buffered items. Cancel closes the
 *       receiver handle. One subscriber per handle.</td></tr>
 *   <tr><td>{@link #subscriber(Sender) subscriber(tx)}</td><td>{@code Flow.Subscriber<T>}</td>
 *       <td>Sends what a publisher emits into the channel, requesting only what fits. Owns
 *       {@code tx}: completion closes it, an error closes the channel with that cause; when the
 *       receivers are gone it cancels the publisher.</td></tr>
 *   <tr><td>{@link #toReceiver(Flow.Publisher, int) toReceiver(p, n)}</td><td>{@code Receiver<T>}</td>
 *       <td>A blocking consumer reads any publisher. Upstream demand never exceeds the free
 *       capacity. Completion &rarr; disconnection after the buffered items, error &rarr; the cause
 *       after them; closing the receiver cancels the publisher.</td></tr>
 * </table>
 *
 * <h2>Capacity &rarr; demand</h2>
 * <table>
 *   <caption>How much {@code subscriber} and {@code toReceiver} request from a publisher</caption>
 *   <tr><th>Channel</th><th>Requests</th></tr>
 *   <tr><td>{@code bounded(0)} (rendezvous)</td><td>1 at a time, only while a receiver waits</td></tr>
 *   <tr><td>{@code bounded(n)}</td><td>the free room, never more than {@code n} outstanding;
 *       replenished in batches of at least 75% of {@code n} while the publisher still owes
 *       items</td></tr>
 *   <tr><td>{@code unbounded()}</td><td>{@code Long.MAX_VALUE}</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * No adapter has a thread of its own, and nothing is ever scheduled. {@code publisher}:
 * {@code onNext} runs on the thread that calls {@code request(n)} (usually the subscriber's) or on
 * the sending thread that made a message available, inside its {@code send} call; a slow
 * subscriber slows that sender. {@code subscriber}: sends run on the publisher's {@code onNext}
 * thread or on a receiver's thread that made room. {@code toReceiver}: the publisher's
 * {@code request} runs on the consumer's thread as it takes messages.
 */
public final class FlowChannels {
    private FlowChannels() {
    }

    /**
     * A {@link Flow.Publisher} of the messages of {@code receiver}, which it takes from the
     * channel only as they are requested. The publisher owns the handle: it closes it when its
     * subscription ends (completion, error or cancellation; closing the last receiver makes
     * senders fail at once and wakes blocked ones), and it allows a single subscriber: a second
     * one, or any after the first ended, gets {@code onSubscribe} and then
     * {@code onError(IllegalStateException)}, and the first is not disturbed. Publish a
     * {@link Receiver#clone() clone} per subscriber for competing consumers.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(16);
     * Flow.Publisher<String> readings = FlowChannels.publisher(ch.receiver());
     * Multi.createFrom().publisher(readings).subscribe().with(System.out::println);   // Mutiny
     * }</pre>
     *
     * Demand: {@code request(n)} takes up to {@code n} messages; with no demand a
     * {@code bounded(n)} channel fills up and blocked senders wait until the next request. The
     * publisher completes when the channel is empty and every sender is closed, and errors with
     * the cause given to {@link Sender#closeChannel(Throwable)} after the buffered messages.
     * {@code request(n <= 0)} signals {@link IllegalArgumentException} (rule 3.9). On a
     * rendezvous channel a message handed over at the very moment the subscriber cancels is
     * lost (its sender saw it delivered); buffered channels lose nothing.
     */
    public static <T> Flow.Publisher<T> publisher(Receiver<T> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return new ReceiverPublisher<>(receiver);
    }

    /**
     * A {@link Flow.Subscriber} that sends every item of the publisher it is subscribed to into
     * the channel of {@code sender}, which blocking threads may share: it requests items only
     * when the channel has room, so the publisher is slowed down by the channel's receivers, and
     * no thread waits. Subscribe it to one publisher, once.
     *
     * <pre>{@code
     * Channel<ByteBuffer> ch = Channel.bounded(8);
     * httpResponseBodyPublisher.subscribe(FlowChannels.subscriber(ch.sender()));
     * for (ByteBuffer chunk : ch.receiver()) legacyApi.write(chunk);   // ends when the body ends
     * }</pre>
     *
     * <p>The subscriber owns {@code sender} (pass a {@link Sender#clone() clone} to keep one of
     * your own): when the publisher completes it closes the handle (receivers drain the channel,
     * then see disconnection if it was the last sender); when the publisher fails it closes the
     * channel with that error as cause ({@link Sender#closeChannel(Throwable)}), which receivers
     * see after the buffered items. When every receiver is gone it cancels the publisher and
     * closes the handle. A publisher that sends more than requested is cancelled and the channel
     * closed with an {@link IllegalStateException} as cause.
     */
    public static <T> Flow.Subscriber<T> subscriber(Sender<T> sender) {
        Objects.requireNonNull(sender, "sender");
        return new SenderSubscriber<>(sender);
    }

    /**
     * A {@link Receiver} that a blocking consumer reads, fed by {@code source} through a private
     * channel of {@code capacity} ({@code 0} = rendezvous, {@code Integer.MAX_VALUE} = unbounded).
     * The source is subscribed at once and never asked for more than the channel can hold; demand
     * is replenished in batches of at least 3/4 of the capacity, however slow the consumer (with
     * nothing owed it waits for that much room: {@link Sender#watchSendable(int, Runnable)}).
     *
     * <pre>{@code
     * try (Receiver<String> rx = FlowChannels.toReceiver(anyFlowPublisher, 8)) {
     *     for (String item : rx) legacyApi.process(item);   // blocks; ends when the source completes
     * }
     * }</pre>
     *
     * When the source completes, the receiver gets the buffered items and then disconnection (the
     * iteration ends); when it fails, the buffered items and then a
     * {@link dev.sluice.DisconnectedException} with the error as cause. Closing the receiver (the
     * last one, if cloned) cancels the source. For a rendezvous ({@code 0}) an item is requested
     * only while a receiver is blocked in {@code recv} (or has a pending {@code recvAsync}), so a
     * consumer that only polls with {@code tryRecv} should use a capacity of at least 1.
     *
     * @throws IllegalArgumentException if {@code capacity < 0}, or above core's limit and not
     *         {@code Integer.MAX_VALUE}
     */
    public static <T> Receiver<T> toReceiver(Flow.Publisher<? extends T> source, int capacity) {
        Objects.requireNonNull(source, "source");
        Channel<T> channel = Demand.newChannel(capacity);
        Receiver<T> receiver = channel.receiver();
        source.subscribe(new SenderSubscriber<T>(channel.sender(), true));
        return receiver;
    }
}
