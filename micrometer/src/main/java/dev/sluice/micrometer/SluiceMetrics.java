package dev.sluice.micrometer;

import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * SluiceMetrics: binds one channel's counters ({@link ChannelStats}) to a Micrometer registry.
 *
 * <pre>{@code
 * Channel<Order> orders = Channel.bounded(1024);
 * SluiceMetrics.monitor(registry, orders, "orders", Tags.of("team", "shop"));
 * }</pre>
 *
 * <table>
 *   <caption>Meters (tags: {@code name}, {@code flavor} and the caller's tags)</caption>
 *   <tr><th>Name</th><th>Type</th><th>Unit</th><th>Meaning</th></tr>
 *   <tr><td>{@code sluice.channel.buffered}</td><td>gauge</td><td>messages</td><td>messages in the buffer now</td></tr>
 *   <tr><td>{@code sluice.channel.capacity}</td><td>gauge</td><td>messages</td><td>the capacity (not for unbounded channels)</td></tr>
 *   <tr><td>{@code sluice.channel.senders.waiting}</td><td>gauge</td><td>operations</td><td>blocked sends and pending {@code sendAsync}</td></tr>
 *   <tr><td>{@code sluice.channel.receivers.waiting}</td><td>gauge</td><td>operations</td><td>blocked receives and pending {@code recvAsync}</td></tr>
 *   <tr><td>{@code sluice.channel.sent}</td><td>function counter</td><td>messages</td><td>messages accepted</td></tr>
 *   <tr><td>{@code sluice.channel.received}</td><td>function counter</td><td>messages</td><td>messages handed to receivers</td></tr>
 *   <tr><td>{@code sluice.channel.dropped}</td><td>function counter, tag {@code reason} =
 *       {@code newest|oldest|closed}</td><td>messages</td><td>rejected, evicted, discarded on close</td></tr>
 *   <tr><td>{@code sluice.channel.send.blocked}</td><td>function timer</td><td>seconds</td><td>time senders spent parked
 *       (count = parks)</td></tr>
 * </table>
 *
 * <p>Names follow Micrometer's {@code ExecutorServiceMetrics} ({@code executor.queued},
 * {@code executor.pool.max}...): a dotted prefix, one meter per quantity, {@code name} as the
 * instance tag. The capacity mirrors OpenTelemetry's {@code jvm.executor.queue.capacity}.
 *
 * <p>The registry's meters hold the channel's {@link ChannelStats} weakly (Micrometer's default
 * for gauges and function meters), and so does this binder: monitoring never keeps a channel
 * alive. Once the channel is collected the gauges report {@code NaN} and the counters stop.
 */
public final class SluiceMetrics implements MeterBinder {
    private final WeakReference<ChannelStats> stats;
    private final Tags tags;

    /** A binder for {@code stats}, with tags {@code name}, {@code flavor} and {@code tags}. */
    public SluiceMetrics(ChannelStats stats, String name, Iterable<Tag> tags) {
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(name, "name");
        this.stats = new WeakReference<>(stats);
        this.tags = Tags.of(tags == null ? Tags.empty() : tags).and("name", name).and("flavor", stats.flavor());
    }

    /** Monitors {@code channel} under {@code name}. */
    public static void monitor(MeterRegistry registry, Channel<?> channel, String name, Iterable<Tag> tags) {
        new SluiceMetrics(channel.sender().stats(), name, tags).bindTo(registry);
    }

    /** Monitors the channel of {@code handle} under {@code name}. */
    public static void monitor(MeterRegistry registry, Sender<?> handle, String name, Iterable<Tag> tags) {
        new SluiceMetrics(handle.stats(), name, tags).bindTo(registry);
    }

    /** Monitors the channel of {@code handle} under {@code name}. */
    public static void monitor(MeterRegistry registry, Receiver<?> handle, String name, Iterable<Tag> tags) {
        new SluiceMetrics(handle.stats(), name, tags).bindTo(registry);
    }

    /** Monitors {@code stats} under {@code name}, for callers that keep only the stats view. */
    public static void monitor(MeterRegistry registry, ChannelStats stats, String name, Iterable<Tag> tags) {
        new SluiceMetrics(stats, name, tags).bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ChannelStats s = stats.get();
        if (s == null) {
            return;                                  // collected before it was bound
        }
        Gauge.builder("sluice.channel.buffered", s, ChannelStats::buffered)
                .tags(tags).baseUnit("messages")
                .description("Messages buffered in the channel now").register(registry);
        if (s.capacity().isPresent()) {
            Gauge.builder("sluice.channel.capacity", s, st -> st.capacity().orElse(-1))
                    .tags(tags).baseUnit("messages")
                    .description("The channel's capacity (0: rendezvous)").register(registry);
        }
        Gauge.builder("sluice.channel.senders.waiting", s, ChannelStats::sendersWaiting)
                .tags(tags).baseUnit("operations")
                .description("Send operations waiting for room or a receiver").register(registry);
        Gauge.builder("sluice.channel.receivers.waiting", s, ChannelStats::receiversWaiting)
                .tags(tags).baseUnit("operations")
                .description("Receive operations waiting for a message").register(registry);
        FunctionCounter.builder("sluice.channel.sent", s, ChannelStats::sent)
                .tags(tags).baseUnit("messages")
                .description("Messages accepted into the channel").register(registry);
        FunctionCounter.builder("sluice.channel.received", s, ChannelStats::received)
                .tags(tags).baseUnit("messages")
                .description("Messages handed to receivers").register(registry);
        for (ChannelStats.DropReason reason : ChannelStats.DropReason.values()) {
            FunctionCounter.builder("sluice.channel.dropped", s, st -> st.dropped(reason))
                    .tags(tags).tag("reason", reason.tag()).baseUnit("messages")
                    .description("Messages dropped: rejected (newest), evicted (oldest), discarded on close (closed)")
                    .register(registry);
        }
        FunctionTimer.builder("sluice.channel.send.blocked", s, ChannelStats::sendBlockedCount,
                        st -> st.sendBlockedTime(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS)
                .tags(tags)
                .description("Time send operations spent parked; count = parks").register(registry);
    }

    /** The overflow policy as a lower-case tag value, for callers that want to add it. */
    public static String policyTag(ChannelStats stats) {
        return stats.overflow().name().toLowerCase(Locale.ROOT);
    }
}
