package dev.sluice.samples.web;

import dev.sluice.OverflowPolicy;
import dev.sluice.reactor.ChannelFlux;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ReadingStreams: opens one Server-Sent-Events stream per subscriber, each fed by its own
 * {@link ProducerGroup} (bounded channel + producer threads) through
 * {@link ChannelFlux#from ChannelFlux.from(receiver)}.
 *
 * <h2>One channel and one set of producers per subscriber</h2>
 * The demo shows backpressure, which is a relation between one consumer and its producers; each
 * visitor sets their own consumer speed and must see their own producers react. A shared channel
 * would make subscribers compete for messages (a channel hands each message to one receiver), and
 * a broadcast would need a buffer per subscriber or let the slowest one stall everybody.
 * Per-subscriber groups keep each subscriber's resources bounded ({@code producers} threads and a
 * {@code capacity}-slot channel) and tie their life to the HTTP connection; the cost, threads per
 * visitor, is capped by {@code maxStreams}: one more stream fails with a
 * {@link StreamsBusyException} ({@code 503 "server busy: N of N streams in use"}).
 *
 * <h2>The pipeline, and where demand comes from</h2>
 * <pre>
 * producer threads --send--> bounded(capacity) --ChannelFlux.from--> concatMap(pause, prefetch 0) --> merge --> SSE
 *                                                                        status ticks (200 ms) --/
 * </pre>
 * WebFlux and Netty request events in batches, so the downstream demand is large. The consumer's
 * pace is set by {@code concatMap} with prefetch {@code 0}: it requests one message from the
 * channel, pauses {@code delayMs} ({@link Mono#delay} on Reactor's timer, no thread blocked), emits
 * it, and only then requests the next. Demand on the channel is therefore one message per pause,
 * whatever the batch size downstream: messages wait in the channel, the channel fills, and the
 * producers block in {@code send}. A prefetching operator there (plain {@code concatMap},
 * {@code publishOn}) would move up to its prefetch out of the channel into its own queue and
 * blunt the backpressure. A slow network client has the same effect without any pause: Netty
 * stops requesting when the socket cannot take more, at most a batch later.
 *
 * <p>Status events (channel depth, producer states) are merged in every 200 ms so that the page
 * shows a full channel and blocked producers while the consumer sleeps; when the client cannot
 * take them they are dropped, not buffered.
 *
 * <h2>Memory and threads stay bounded</h2>
 * Per stream: at most {@code capacity} messages in the channel, one in each producer's hand and
 * one in the pause; the status ticks are dropped under backpressure. When the client disconnects,
 * WebFlux cancels the stream; the bridge closes the receiver, {@link Flux#using} closes the group
 * (idempotently, also on error), and every producer ends at its next {@code send}.
 */
final class ReadingStreams {
    private static final Logger log = LoggerFactory.getLogger(ReadingStreams.class);

    /** How often status events are merged into a stream. */
    static final Duration STATUS_PERIOD = Duration.ofMillis(200);

    private final DemoSettings settings;
    private final Semaphore slots;
    private final AtomicLong lastStreamId = new AtomicLong();
    private final Map<Long, ProducerGroup> open = new ConcurrentHashMap<>();

    /** The channel meters, per policy; each stream's channel counts there while it is open and after. */
    private final DemoMeters meters;

    ReadingStreams(DemoSettings settings) {
        this(settings, DemoMeters.NONE);
    }

    ReadingStreams(DemoSettings settings, DemoMeters meters) {
        this.meters = meters;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxStreams());
    }

    /**
     * A cold stream: every subscription starts its own producers and stops them when it ends.
     *
     * @param delayMs the consumer's pause per message, {@code 0..maxDelayMs}
     */
    Flux<ServerSentEvent<Object>> open(long delayMs) {
        return open(delayMs, OverflowPolicy.BLOCK);
    }

    /** As {@link #open(long)}, with the overflow policy chosen on the page. */
    Flux<ServerSentEvent<Object>> open(long delayMs, OverflowPolicy policy) {
        return Flux.using(() -> startGroup(delayMs, policy), ReadingStreams::events, this::closeGroup);
    }

    /** Changes the pause of an open stream; {@code false} if no such stream is open. */
    boolean changeDelay(long streamId, long delayMs) {
        ProducerGroup group = open.get(streamId);
        if (group == null) {
            return false;
        }
        group.delayMs(delayMs);
        return true;
    }

    /** The open stream {@code streamId}, if any (for tests and diagnostics). */
    Optional<ProducerGroup> find(long streamId) {
        return Optional.ofNullable(open.get(streamId));
    }

    DemoSettings settings() {
        return settings;
    }

    /** How many streams are open (or starting) now: {@code 0..maxStreams}. */
    int inUse() {
        return settings.maxStreams() - slots.availablePermits();
    }

    private ProducerGroup startGroup(long delayMs, OverflowPolicy policy) {
        if (!slots.tryAcquire()) {
            // Refused because every slot was taken at that moment: all maxStreams are in use.
            throw new StreamsBusyException(settings.maxStreams(), settings.maxStreams());
        }
        try {
            ProducerGroup group = ProducerGroup.start(lastStreamId.incrementAndGet(), settings, delayMs, policy);
            open.put(group.id(), group);
            meters.monitor(group);
            return group;
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
    }

    private void closeGroup(ProducerGroup group) {
        log.debug("stream {} closes", group.id());
        open.remove(group.id());
        group.close();
        // Its counts move to the meters' closed totals once no producer can change them any more.
        group.allStopped().subscribe(null, error -> meters.forget(group), () -> meters.forget(group));
        slots.release();
    }

    /** The events of one stream: paced readings merged with periodic status snapshots. */
    static Flux<ServerSentEvent<Object>> events(ProducerGroup group) {
        AtomicLong seq = new AtomicLong();
        Flux<ServerSentEvent<Object>> readings = ChannelFlux.from(group.receiver())
                .concatMap(reading -> Mono.delay(Duration.ofMillis(group.delayMs())).thenReturn(reading), 0)
                .map(reading -> readingEvent(group, seq.incrementAndGet(), reading));
        Flux<ServerSentEvent<Object>> statuses = Flux.interval(Duration.ZERO, STATUS_PERIOD)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<Object>builder(group.status()).event("status").build())
                .takeUntilOther(group.allStopped());
        return Flux.merge(readings, statuses)
                .doOnError(e -> log.debug("stream {} fails", group.id(), e))
                .doOnCancel(() -> log.debug("stream {} is cancelled by its subscriber", group.id()));
    }

    private static ServerSentEvent<Object> readingEvent(ProducerGroup group, long seq, Reading reading) {
        long now = System.currentTimeMillis();
        ReadingEvent event = new ReadingEvent(seq, reading.producer(), reading.number(), reading.value(),
                reading.readAtMillis(), now, now - reading.readAtMillis(), group.status());
        return ServerSentEvent.<Object>builder(event).id(Long.toString(seq)).event("reading").build();
    }
}
