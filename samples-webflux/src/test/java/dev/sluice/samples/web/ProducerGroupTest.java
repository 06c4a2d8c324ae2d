package dev.sluice.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/** A stream's producers without any server: they block on a full channel and end when it closes. */
@Timeout(60)
class ProducerGroupTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RepeatedTest(5)
    void producers_block_on_the_full_channel_and_end_when_the_receiver_closes() {
        DemoSettings settings = new DemoSettings(3, 2, 1, 0, 0, 1);
        ProducerGroup group = ProducerGroup.start(-1, settings, 0);

        // Nobody receives: two messages fill the channel, and every producer ends up parked in send().
        await().atMost(BOUND).pollInterval(Duration.ofMillis(5)).until(() ->
                group.status().producers().stream().allMatch(p -> p.state().equals("blocked"))
                        && ProducerThreads.of(-1).stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        StreamStatus full = group.status();
        assertThat(full.depth()).isEqualTo(2);
        assertThat(full.producers().stream().mapToLong(StreamStatus.Producer::sent).sum()).isEqualTo(2);

        group.close();      // the blocked senders wake with SendDisconnectedException

        group.allStopped().block(BOUND);
        assertThat(group.status().producers()).extracting(StreamStatus.Producer::state).containsOnly("stopped");
        ProducerThreads.awaitNone(-1, BOUND);
    }
}
