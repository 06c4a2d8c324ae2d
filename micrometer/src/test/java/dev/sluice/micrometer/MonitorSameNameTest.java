package dev.sluice.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import java.lang.ref.WeakReference;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Micrometer keeps one meter per name and tags: a second live channel under the same name and
 * tags is refused with an error naming them, instead of silently showing the first one's numbers.
 */
@Timeout(30)
class MonitorSameNameTest {

    private static Channel<Integer> withBuffered(int n) {
        Channel<Integer> ch = Channel.bounded(8);
        for (int i = 0; i < n; i++) {
            ch.sender().trySend(i);
        }
        return ch;
    }

    @Test
    @DisplayName("a second channel under the same name and tags fails with IllegalArgumentException naming them")
    void a_second_channel_under_the_same_name_and_tags_is_refused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<Integer> ch1 = withBuffered(0);
        Channel<Integer> ch2 = withBuffered(5);
        SluiceMetrics.monitor(registry, ch1, "orders", Tags.of("team", "shop"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SluiceMetrics.monitor(registry, ch2, "orders", Tags.of("team", "shop")));
        assertTrue(e.getMessage().contains("name=orders") && e.getMessage().contains("team=shop"), e.getMessage());
        assertTrue(e.getMessage().contains("add a tag"), e.getMessage());
        assertEquals(0.0, registry.get("sluice.channel.buffered").tag("name", "orders").gauge().value(),
                "the first channel's meters are untouched");
        assertEquals(ch1.sender().len(), 0);
    }

    @Test
    @DisplayName("the same channel monitored twice under one name is refused too")
    void the_same_channel_twice_is_refused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Channel<Integer> ch = withBuffered(1);
        SluiceMetrics.monitor(registry, ch, "orders", Tags.empty());
        assertThrows(IllegalArgumentException.class, () -> SluiceMetrics.monitor(registry, ch.receiver(), "orders", Tags.empty()));
    }

    @Test
    @DisplayName("a distinguishing tag gives each channel its own meters and numbers")
    void a_distinguishing_tag_separates_two_channels() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics.monitor(registry, withBuffered(0), "orders", Tags.of("instance", "1"));
        Channel<Integer> ch2 = withBuffered(5);
        SluiceMetrics.monitor(registry, ch2, "orders", Tags.of("instance", "2"));
        assertEquals(0.0, registry.get("sluice.channel.buffered").tags("name", "orders", "instance", "1").gauge().value());
        assertEquals(5.0, registry.get("sluice.channel.buffered").tags("name", "orders", "instance", "2").gauge().value());
        assertEquals(5.0, registry.get("sluice.channel.sent").tags("instance", "2").functionCounter().count());
    }

    @Test
    @DisplayName("once the channel that owned a name is collected, a new channel takes the name over")
    void a_collected_channels_name_is_taken_over() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WeakReference<ChannelStats> gone = monitoredAndDropped(registry);
        for (int i = 0; i < 50 && gone.get() != null; i++) {
            System.gc();
        }
        assertNull(gone.get(), "the first channel should be collected");
        Channel<Integer> ch2 = withBuffered(3);
        SluiceMetrics.monitor(registry, ch2, "orders", Tags.empty());
        assertEquals(3.0, registry.get("sluice.channel.buffered").tag("name", "orders").gauge().value());
        assertEquals(3.0, registry.get("sluice.channel.sent").tag("name", "orders").functionCounter().count());
        assertEquals(3, registry.find("sluice.channel.dropped").tag("name", "orders").functionCounters().size());
    }

    private static WeakReference<ChannelStats> monitoredAndDropped(SimpleMeterRegistry registry) {
        Channel<Integer> ch = withBuffered(2);
        SluiceMetrics.monitor(registry, ch, "orders", Tags.empty());
        return new WeakReference<>(ch.sender().stats());
    }
}
