package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-channel states and figures behind the sluice health contributor, on a manual clock. */
class ChannelHealthTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SluiceChannels channels = new SluiceChannels();
    private final ChannelHealth health = new ChannelHealth(channels, Duration.ofSeconds(30), nanos::get);

    ChannelHealthTest() {
        health.afterPropertiesSet();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> figures(ChannelHealth.Report report, String name) {
        return (Map<String, Object>) report.details().get(name);
    }

    @Test
    @DisplayName("an open channel is healthy and reports buffered, capacity, waiting sides and time since the last receive")
    void open_channel_reports_its_figures() throws Exception {
        Channel<String> orders = channels.bounded("orders", 4);
        orders.sender().send("a");
        advance(Duration.ofSeconds(3));
        ChannelHealth.Report report = health.check();
        assertThat(report.healthy()).isTrue();
        assertThat(figures(report, "orders"))
                .containsEntry("state", "open").containsEntry("flavor", "bounded")
                .containsEntry("buffered", 1).containsEntry("capacity", 4)
                .containsEntry("sendersWaiting", 0).containsEntry("receiversWaiting", 0)
                .containsEntry("sent", 1L).containsEntry("received", 0L)
                .containsEntry("sinceLastReceive", "PT3S");
    }

    @Test
    @DisplayName("a channel full with no receive for the stall timeout is stalled, and the contributor DOWN")
    void full_without_receive_for_the_timeout_is_stalled() throws Exception {
        Channel<String> stuck = channels.bounded("stuck", 1);
        stuck.sender().send("a");
        advance(Duration.ofSeconds(29));
        assertThat(health.check().healthy()).isTrue();
        advance(Duration.ofSeconds(1));
        ChannelHealth.Report report = health.check();
        assertThat(report.healthy()).isFalse();
        assertThat(figures(report, "stuck")).containsEntry("state", "stalled").containsEntry("sinceLastReceive", "PT30S");
    }

    @Test
    @DisplayName("a receive restarts the stall clock; a full channel whose consumer keeps up stays healthy")
    void a_receive_restarts_the_stall_clock() throws Exception {
        Channel<String> busy = channels.bounded("busy", 1);
        busy.sender().send("a");
        advance(Duration.ofSeconds(25));
        health.check();
        busy.receiver().recv();
        busy.sender().send("b");                       // full again
        advance(Duration.ofSeconds(10));
        health.check();                                // sees the receive: 35 s since registration, 0 since it
        advance(Duration.ofSeconds(20));
        ChannelHealth.Report report = health.check();
        assertThat(report.healthy()).isTrue();
        assertThat(figures(report, "busy")).containsEntry("state", "open").containsEntry("sinceLastReceive", "PT20S");
    }

    @Test
    @DisplayName("a channel that is not full is never stalled, however long nothing is received")
    void not_full_is_never_stalled() throws Exception {
        channels.bounded("quiet", 2).sender().send("a");
        channels.unbounded("idle");
        advance(Duration.ofHours(1));
        assertThat(health.check().healthy()).isTrue();
    }

    @Test
    @DisplayName("a rendezvous channel with a sender waiting and no receive for the timeout is stalled")
    void rendezvous_with_a_waiting_sender_is_stalled() throws Exception {
        Channel<String> handoff = channels.rendezvous("handoff");
        var pending = handoff.sender().sendAsync("x");
        advance(Duration.ofSeconds(31));
        ChannelHealth.Report report = health.check();
        assertThat(figures(report, "handoff")).containsEntry("state", "stalled").containsEntry("sendersWaiting", 1);
        assertThat(report.healthy()).isFalse();
        pending.cancel(true);
    }

    @Test
    @DisplayName("a disconnected channel says so and does not make the contributor DOWN")
    void disconnected_channel_says_so() {
        Channel<String> done = channels.bounded("done", 1);
        done.sender().close();
        ChannelHealth.Report report = health.check();
        assertThat(report.healthy()).isTrue();
        assertThat(figures(report, "done")).containsEntry("state", "disconnected");
    }

    @Test
    @DisplayName("a removed channel leaves the report")
    void removed_channel_leaves_the_report() {
        channels.unbounded("gone");
        channels.remove("gone");
        assertThat(health.check().details()).doesNotContainKey("gone");
    }
}
