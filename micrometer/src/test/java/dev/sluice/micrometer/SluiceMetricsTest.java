package dev.sluice.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import dev.sluice.OverflowPolicy;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SluiceMetrics} against a {@link SimpleMeterRegistry}. */
@Timeout(30)
class SluiceMetricsTest {

    @Test
    void every_meter_is_registered_with_its_tags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<String> ch = Channel.bounded(8);
        SluiceMetrics.monitor(registry, ch, "orders", Tags.of("team", "shop"));
        Set<String> names = registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("sluice.channel.buffered", "sluice.channel.capacity", "sluice.channel.senders.waiting",
                "sluice.channel.receivers.waiting", "sluice.channel.sent", "sluice.channel.received",
                "sluice.channel.dropped", "sluice.channel.send.blocked"), names);
        for (Meter m : registry.getMeters()) {
            assertEquals("orders", m.getId().getTag("name"), m.getId().toString());
            assertEquals("bounded", m.getId().getTag("flavor"), m.getId().toString());
            assertEquals("shop", m.getId().getTag("team"), m.getId().toString());
        }
        Set<String> reasons = registry.find("sluice.channel.dropped").functionCounters().stream()
                .map(c -> c.getId().getTag("reason")).collect(Collectors.toSet());
        assertEquals(Set.of("newest", "oldest", "closed"), reasons);
        assertEquals(8.0, registry.get("sluice.channel.capacity").gauge().value());
        assertEquals("messages", registry.get("sluice.channel.buffered").gauge().getId().getBaseUnit());
    }

    @Test
    void unbounded_has_no_capacity_gauge_and_rendezvous_reports_zero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics.monitor(registry, Channel.unbounded(), "u", Tags.empty());
        SluiceMetrics.monitor(registry, Channel.rendezvous(), "r", Tags.empty());
        assertNull(registry.find("sluice.channel.capacity").tag("name", "u").gauge());
        assertEquals("unbounded", registry.get("sluice.channel.buffered").tag("name", "u").gauge().getId().getTag("flavor"));
        assertEquals(0.0, registry.get("sluice.channel.capacity").tag("name", "r").gauge().value());
    }

    @Test
    void values_match_the_counters_after_a_known_workload() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<Integer> ch = Channel.<Integer>builder().capacity(4).overflow(OverflowPolicy.DROP_OLDEST).build();
        SluiceMetrics.monitor(registry, ch.sender(), "latest", null);
        for (int i = 0; i < 10; i++) {
            ch.sender().send(i);                      // 6 evicted, 4 buffered
        }
        ch.receiver().recv();
        ch.receiver().recv();                         // 2 received, 2 buffered
        assertEquals(2.0, gauge(registry, "sluice.channel.buffered"));
        assertEquals(10.0, counter(registry, "sluice.channel.sent"));
        assertEquals(2.0, counter(registry, "sluice.channel.received"));
        assertEquals(6.0, registry.get("sluice.channel.dropped").tag("reason", "oldest").functionCounter().count());
        assertEquals(0.0, registry.get("sluice.channel.dropped").tag("reason", "newest").functionCounter().count());
        ch.receiver().close();
        assertEquals(2.0, registry.get("sluice.channel.dropped").tag("reason", "closed").functionCounter().count());
        ChannelStats stats = ch.sender().stats();
        assertEquals(stats.sent(), (long) counter(registry, "sluice.channel.sent"));
    }

    @Test
    void waiting_gauges_and_blocked_timer_follow_a_blocked_sender() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<Integer> ch = Channel.bounded(1);
        SluiceMetrics.monitor(registry, ch.receiver(), "b", List.of());
        ch.sender().send(0);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                ch.sender().send(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gauge(registry, "sluice.channel.senders.waiting") != 1.0) {
            assertTrue(System.nanoTime() < deadline, "sender never registered as waiting");
            Thread.onSpinWait();
            Thread.yield();
        }
        assertEquals(0.0, gauge(registry, "sluice.channel.receivers.waiting"));
        assertEquals(0, ch.receiver().recv());
        assertTrue(done.await(10, TimeUnit.SECONDS));
        FunctionTimer blocked = registry.get("sluice.channel.send.blocked").functionTimer();
        assertTrue(blocked.count() >= 1.0);
        assertTrue(blocked.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(0.0, gauge(registry, "sluice.channel.senders.waiting"));
    }

    @Test
    void monitored_channel_is_collected_after_its_handles_are_dropped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WeakReference<ChannelStats> ref = monitoredAndDropped(registry);
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            byte[] pressure = new byte[1 << 20];            // nudge the collector
            assertNotNull(pressure);
        }
        assertNull(ref.get(), "the registry kept the channel alive");
        assertTrue(Double.isNaN(registry.get("sluice.channel.buffered").gauge().value()));
    }

    private static WeakReference<ChannelStats> monitoredAndDropped(SimpleMeterRegistry registry) {
        Channel<Integer> ch = Channel.bounded(4);
        ch.sender().trySend(1);
        SluiceMetrics.monitor(registry, ch, "gone", Tags.empty());
        assertEquals(1.0, gauge(registry, "sluice.channel.buffered"));
        ch.sender().close();
        ch.receiver().close();
        return new WeakReference<>(ch.sender().stats());
    }

    @Test
    void binder_holds_the_channel_weakly_too() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics binder = binderForDroppedChannel();
        for (int i = 0; i < 50; i++) {
            System.gc();
        }
        binder.bindTo(registry);                          // collected: binds nothing, does not fail
        assertTrue(registry.getMeters().isEmpty() || registry.getMeters().stream()
                .allMatch(m -> !(m instanceof Gauge) || Double.isNaN(((Gauge) m).value())));
    }

    private static SluiceMetrics binderForDroppedChannel() {
        Channel<Integer> ch = Channel.bounded(2);
        SluiceMetrics binder = new SluiceMetrics(ch.sender().stats(), "weak", Tags.empty());
        ch.sender().close();
        ch.receiver().close();
        return binder;
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double counter(SimpleMeterRegistry registry, String name) {
        FunctionCounter c = registry.get(name).functionCounter();
        return c.count();
    }
}
