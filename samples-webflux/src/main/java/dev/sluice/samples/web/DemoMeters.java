package dev.sluice.samples.web;

import dev.sluice.ChannelStats;
import dev.sluice.OverflowPolicy;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * DemoMeters: the demo's {@code sluice.channel.*} meters, registered when the application starts
 * (so Spring Boot Actuator's {@code /actuator/metrics/sluice.channel.buffered} answers before any
 * browser has opened a stream), one set per overflow policy, tagged {@code name=live-demo},
 * {@code flavor=bounded}, {@code policy=block|drop_newest|drop_oldest}.
 *
 * <p>Why not {@code SluiceMetrics.monitor} per channel: the demo's channels live only as long as a
 * browser tab, so per-channel meters would appear and vanish with the tabs (and answer 404 while
 * none is open). Each meter here is the sum over the policy's channels, read from their
 * {@link ChannelStats}, with the same names, units and meaning as {@code SluiceMetrics}:
 * gauges ({@code buffered}, {@code capacity}, {@code senders.waiting}, {@code receivers.waiting})
 * sum the open streams; counters ({@code sent}, {@code received}, {@code dropped} by reason) and
 * the {@code send.blocked} timer also keep what closed streams counted, so they never go down.
 *
 * <p>Invariant: a stream's counts are in exactly one place, its live {@link ChannelStats} while it
 * is in {@code open}, then the {@code closed} totals, moved under this object's lock once its
 * producers have all stopped (nothing can change its counts after that). Reads take the same lock.
 */
final class DemoMeters {
    private static final ChannelStats.DropReason[] REASONS = ChannelStats.DropReason.values();

    /** No registry: nothing is recorded. */
    static final DemoMeters NONE = new DemoMeters(null);

    private final Map<OverflowPolicy, Set<ProducerGroup>> open = new EnumMap<>(OverflowPolicy.class);
    private final Map<OverflowPolicy, Totals> closed = new EnumMap<>(OverflowPolicy.class);

    DemoMeters(MeterRegistry registry) {
        for (OverflowPolicy policy : OverflowPolicy.values()) {
            open.put(policy, new HashSet<>());
            closed.put(policy, new Totals());
            if (registry != null) {
                register(registry, policy);
            }
        }
    }

    /** The policy as the page and the tags spell it: {@code block}, {@code drop_newest}, {@code drop_oldest}. */
    static String tag(OverflowPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    synchronized void monitor(ProducerGroup group) {
        open.get(group.policy()).add(group);
    }

    /** Called once the group's producers have all stopped: its counts move to the closed totals. */
    synchronized void forget(ProducerGroup group) {
        if (open.get(group.policy()).remove(group)) {
            closed.get(group.policy()).add(group.receiver().stats());
        }
    }

    private void register(MeterRegistry registry, OverflowPolicy policy) {
        Tags tags = Tags.of("name", "live-demo", "flavor", "bounded", "policy", tag(policy));
        gauge(registry, "sluice.channel.buffered", tags, "messages", "Messages buffered in the open streams' channels now",
                policy, ChannelStats::buffered);
        gauge(registry, "sluice.channel.capacity", tags, "messages", "Capacity of the open streams' channels, summed",
                policy, s -> s.capacity().orElse(0));
        gauge(registry, "sluice.channel.senders.waiting", tags, "operations", "Send operations waiting for room",
                policy, ChannelStats::sendersWaiting);
        gauge(registry, "sluice.channel.receivers.waiting", tags, "operations", "Receive operations waiting for a message",
                policy, ChannelStats::receiversWaiting);
        FunctionCounter.builder("sluice.channel.sent", this, m -> m.total(policy, ChannelStats::sent, t -> t.sent))
                .tags(tags).baseUnit("messages").description("Messages accepted into the channels").register(registry);
        FunctionCounter.builder("sluice.channel.received", this, m -> m.total(policy, ChannelStats::received, t -> t.received))
                .tags(tags).baseUnit("messages").description("Messages handed to the streams").register(registry);
        for (int r = 0; r < REASONS.length; r++) {
            ChannelStats.DropReason reason = REASONS[r];
            int index = r;
            FunctionCounter.builder("sluice.channel.dropped", this,
                            m -> m.total(policy, s -> s.dropped(reason), t -> t.dropped[index]))
                    .tags(tags).tag("reason", reason.tag()).baseUnit("messages")
                    .description("Messages dropped: rejected (newest), evicted (oldest), discarded on close (closed)")
                    .register(registry);
        }
        FunctionTimer.builder("sluice.channel.send.blocked", this,
                        m -> (long) m.total(policy, ChannelStats::sendBlockedCount, t -> t.blockedCount),
                        m -> m.total(policy, s -> s.sendBlockedTime(TimeUnit.NANOSECONDS), t -> t.blockedNanos),
                        TimeUnit.NANOSECONDS)
                .tags(tags).description("Time send operations spent parked; count = parks").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, String unit, String description,
            OverflowPolicy policy, ToDoubleFunction<ChannelStats> read) {
        Gauge.builder(name, this, m -> m.sumOpen(policy, read)).tags(tags).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }

    private synchronized double sumOpen(OverflowPolicy policy, ToDoubleFunction<ChannelStats> read) {
        double sum = 0;
        for (ProducerGroup group : open.get(policy)) {
            sum += read.applyAsDouble(group.receiver().stats());
        }
        return sum;
    }

    private synchronized double total(OverflowPolicy policy, ToDoubleFunction<ChannelStats> read,
            ToDoubleFunction<Totals> closedPart) {
        return sumOpen(policy, read) + closedPart.applyAsDouble(closed.get(policy));
    }

    /** What the closed streams of one policy counted. */
    private static final class Totals {
        long sent;
        long received;
        final long[] dropped = new long[REASONS.length];
        long blockedCount;
        long blockedNanos;

        void add(ChannelStats s) {
            sent += s.sent();
            received += s.received();
            for (int r = 0; r < REASONS.length; r++) {
                dropped[r] += s.dropped(REASONS[r]);
            }
            blockedCount += s.sendBlockedCount();
            blockedNanos += s.sendBlockedTime(TimeUnit.NANOSECONDS);
        }
    }
}
