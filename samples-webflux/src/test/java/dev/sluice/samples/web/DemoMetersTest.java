package dev.sluice.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.OverflowPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's per-policy channel meters, without a server. */
@Timeout(60)
class DemoMetersTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final List<String> METERS = List.of("sluice.channel.buffered", "sluice.channel.capacity",
            "sluice.channel.senders.waiting", "sluice.channel.receivers.waiting", "sluice.channel.sent",
            "sluice.channel.received", "sluice.channel.dropped", "sluice.channel.send.blocked");

    @Test
    @DisplayName("every sluice.channel.* meter exists for every policy as soon as the meters are created, reading 0")
    void every_meter_exists_at_creation_for_every_policy() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new DemoMeters(registry);

        for (OverflowPolicy policy : OverflowPolicy.values()) {
            for (String name : METERS) {
                RequiredSearch search = registry.get(name).tag("policy", DemoMeters.tag(policy))
                        .tag("name", "live-demo").tag("flavor", "bounded");
                assertThat(search.meters()).as(name + " " + policy).isNotEmpty();
                search.meters().forEach(meter -> meter.measure().forEach(m ->
                        assertThat(m.getValue()).as(name + " " + policy).isZero()));
            }
        }
        assertThat(registry.get("sluice.channel.dropped").tag("policy", "block").meters())
                .extracting(m -> m.getId().getTag("reason")).containsExactlyInAnyOrder("newest", "oldest", "closed");
    }

    @Test
    @DisplayName("gauges sum the open streams of a policy; counters keep a stream's counts after it closed")
    void gauges_follow_open_streams_and_counters_keep_closed_ones() {
        MeterRegistry registry = new SimpleMeterRegistry();
        DemoMeters meters = new DemoMeters(registry);
        DemoSettings settings = new DemoSettings(2, 3, 1, 0, 0, 1);
        ProducerGroup group = ProducerGroup.start(-2, settings, 0, OverflowPolicy.DROP_OLDEST);
        meters.monitor(group);

        // Nobody receives: the channel fills, then evicts its oldest message for every new one.
        await().atMost(BOUND).until(() -> registry.get("sluice.channel.dropped").tag("policy", "drop_oldest")
                .tag("reason", "oldest").functionCounter().count() > 0);
        assertThat(registry.get("sluice.channel.buffered").tag("policy", "drop_oldest").gauge().value()).isEqualTo(3);
        assertThat(registry.get("sluice.channel.capacity").tag("policy", "drop_oldest").gauge().value()).isEqualTo(3);
        assertThat(registry.get("sluice.channel.buffered").tag("policy", "block").gauge().value()).isZero();

        group.close();
        group.allStopped().block(BOUND);
        long sent = group.receiver().stats().sent();
        long evicted = group.receiver().stats().dropped(dev.sluice.ChannelStats.DropReason.OLDEST);
        meters.forget(group);

        assertThat(registry.get("sluice.channel.buffered").tag("policy", "drop_oldest").gauge().value()).isZero();
        assertThat(registry.get("sluice.channel.capacity").tag("policy", "drop_oldest").gauge().value()).isZero();
        assertThat(registry.get("sluice.channel.sent").tag("policy", "drop_oldest").functionCounter().count())
                .isEqualTo(sent).isPositive();
        assertThat(registry.get("sluice.channel.dropped").tag("policy", "drop_oldest").tag("reason", "oldest")
                .functionCounter().count()).isEqualTo(evicted).isPositive();
        ProducerThreads.awaitNone(-2, BOUND);
    }
}
