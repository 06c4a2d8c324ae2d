package dev.sluice.micrometer;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
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
 *
 * <p>One channel per name and tags. Micrometer keeps one meter per id (name and tags) and hands
 * the existing one back on a second registration, so a second channel monitored under the same
 * {@code name} and tags would silently show the first channel's numbers. {@link #bindTo} refuses
 * that with an {@link IllegalArgumentException} naming the id: give each channel its own
 * {@code name}, or a tag that tells them apart (for example {@code Tags.of("instance", id)}).
 * Monitoring the same channel twice is refused the same way (the meters are already there). The
 * one exception: if the channel that owned the id was garbage-collected (its gauges read
 * {@code NaN}), its meters are removed and the new channel takes the id over, so a component
 * that is re-created under the same name keeps reporting.
 *
 * <p>Closed handles. Monitoring reads only the channel's counters ({@code stats()}), which stay
 * readable on a closed {@link Sender} or {@link Receiver} handle: like {@code len()},
 * {@code capacity()} and {@code isDisconnected()} they are snapshots exempt from the
 * {@code IllegalStateException} that operations on a closed handle throw. A channel whose handles
 * are all closed keeps its final numbers until it is collected.
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

    /**
     * Monitors {@code channel} under {@code name}.
     *
     * @throws IllegalArgumentException if another live channel is monitored under the same name and tags
     */
    public static void monitor(MeterRegistry registry, Channel<?> channel, String name, Iterable<Tag> tags) {
        new SluiceMetrics(channel.sender().stats(), name, tags).bindTo(registry);
    }

    /**
     * Monitors the channel of {@code handle} under {@code name}.
     *
     * @throws IllegalArgumentException if another live channel is monitored under the same name and tags
     */
    public static void monitor(MeterRegistry registry, Sender<?> handle, String name, Iterable<Tag> tags) {
        new SluiceMetrics(handle.stats(), name, tags).bindTo(registry);
    }

    /**
     * Monitors the channel of {@code handle} under {@code name}.
     *
     * @throws IllegalArgumentException if another live channel is monitored under the same name and tags
     */
    public static void monitor(MeterRegistry registry, Receiver<?> handle, String name, Iterable<Tag> tags) {
        new SluiceMetrics(handle.stats(), name, tags).bindTo(registry);
    }

    /**
     * Monitors {@code stats} under {@code name}, for callers that keep only the stats view.
     *
     * @throws IllegalArgumentException if another live channel is monitored under the same name and tags
     */
    public static void monitor(MeterRegistry registry, ChannelStats stats, String name, Iterable<Tag> tags) {
        new SluiceMetrics(stats, name, tags).bindTo(registry);
    }

    /** The names of every meter a binder registers (the dropped counter adds a {@code reason} tag). */
    static final List<String> METER_NAMES = List.of("sluice.channel.buffered", "sluice.channel.capacity",
            "sluice.channel.senders.waiting", "sluice.channel.receivers.waiting", "sluice.channel.sent",
            "sluice.channel.received", "sluice.channel.dropped", "sluice.channel.send.blocked");

    /**
     * Registers the meters.
     *
     * @throws IllegalArgumentException if meters with this binder's name and tags are already
     *         registered for a channel that is still alive (see the class comment)
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        ChannelStats s = stats.get();
        if (s == null) {
            return;                                  // collected before it was bound
        }
        // The buffered gauge is registered first and alone decides: Micrometer returns the
        // existing gauge for an id that is taken, so a returned gauge that was there before means
        // another binder owns the id. Checked under one lock so two binders cannot both win.
        synchronized (SluiceMetrics.class) {
            Set<Gauge> before = Collections.newSetFromMap(new IdentityHashMap<>());
            before.addAll(registry.find("sluice.channel.buffered").tags(tags).gauges());
            Gauge buffered = bufferedGauge(s, registry);
            if (before.contains(buffered)) {
                if (!Double.isNaN(buffered.value())) {
                    throw new IllegalArgumentException("SluiceMetrics: meters sluice.channel.* with tags " + tags
                            + " are already registered for another channel (or this one), and Micrometer keeps"
                            + " one meter per name and tags, so the second channel's numbers would never be"
                            + " seen; monitor each channel under its own name, or add a tag that tells them"
                            + " apart, e.g. Tags.of(\"instance\", ...)");
                }
                removeMeters(registry, buffered.getId().getTags());      // its channel was collected
                bufferedGauge(s, registry);
            }
        }
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

    private Gauge bufferedGauge(ChannelStats s, MeterRegistry registry) {
        return Gauge.builder("sluice.channel.buffered", s, ChannelStats::buffered)
                .tags(tags).baseUnit("messages")
                .description("Messages buffered in the channel now").register(registry);
    }

    /** Removes the meters of a collected channel: every meter name of a binder, with exactly {@code ids}' tags. */
    private static void removeMeters(MeterRegistry registry, List<Tag> idTags) {
        for (String name : METER_NAMES) {
            for (Meter m : registry.find(name).tags(idTags).meters()) {
                List<Tag> own = new ArrayList<>(m.getId().getTags());
                own.removeIf(t -> t.getKey().equals("reason"));
                if (own.equals(idTags)) {
                    registry.remove(m);
                }
            }
        }
    }

    /** The overflow policy as a lower-case tag value, for callers that want to add it. */
    public static String policyTag(ChannelStats stats) {
        return stats.overflow().name().toLowerCase(Locale.ROOT);
    }
}
