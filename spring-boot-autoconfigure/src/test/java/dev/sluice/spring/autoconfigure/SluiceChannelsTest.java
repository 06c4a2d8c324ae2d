package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.Channel;
import dev.sluice.SendDisconnectedException;
import dev.sluice.TrySendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The registry of managed channels: naming, listeners, closing. */
class SluiceChannelsTest {
    private final SluiceChannels channels = new SluiceChannels();

    /** Records every event as "+name" / "-name". */
    static final class Recorder implements SluiceChannels.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void added(String name, Channel<?> channel) {
            events.add("+" + name);
        }

        @Override
        public void removed(String name, Channel<?> channel) {
            events.add("-" + name);
        }
    }

    @Test
    @DisplayName("a listener added late is first told of every managed channel, then of each change")
    void listener_replays_then_follows() {
        channels.unbounded("a");
        Recorder recorder = new Recorder();
        channels.addListener(recorder);
        channels.bounded("b", 1);
        channels.remove("a");
        channels.removeListener(recorder);
        channels.rendezvous("c");
        assertThat(recorder.events).containsExactly("+a", "+b", "-a");
    }

    @Test
    @DisplayName("registering the same channel under its name again changes nothing")
    void same_channel_twice_is_one_registration() {
        Recorder recorder = new Recorder();
        channels.addListener(recorder);
        Channel<String> channel = Channel.bounded(2);
        assertThat(channels.register("x", channel)).isSameAs(channels.register("x", channel));
        assertThat(recorder.events).containsExactly("+x");
    }

    @Test
    @DisplayName("remove forgets a channel without closing it")
    void remove_does_not_close() {
        Channel<String> channel = channels.bounded("x", 2);
        channels.remove("x");
        assertThat(channel.sender().trySend("still open")).isEqualTo(TrySendResult.OK);
        assertThat(channels.get("x")).isEmpty();
    }

    @Test
    @DisplayName("closeAll closes every channel for sending (receivers drain, then end) and keeps them managed; later channels close at once")
    void close_all_closes_now_and_later() throws Exception {
        Channel<String> before = channels.bounded("before", 2);
        before.sender().send("buffered");
        channels.closeAll();
        assertThat(before.sender().trySend("late")).isEqualTo(TrySendResult.DISCONNECTED);
        assertThat(before.receiver().recv()).isEqualTo("buffered");
        assertThat(before.receiver().tryRecv().isDisconnected()).isTrue();
        assertThat(before.sender().isClosed()).as("the first handle stays open").isFalse();
        assertThat(channels.channels()).containsKey("before");

        Channel<String> after = channels.bounded("after", 2);
        assertThat(after.sender().trySend("m")).isEqualTo(TrySendResult.DISCONNECTED);
        channels.closeAll();                                        // idempotent
    }

    @Test
    @DisplayName("a producer blocked on the channel's own first sender handle wakes with SendDisconnectedException")
    void blocked_producer_on_first_handle_sees_disconnection() throws Exception {
        Channel<String> channel = channels.bounded("full", 1);
        channel.sender().send("first");
        List<Throwable> ends = new CopyOnWriteArrayList<>();
        Thread producer = new Thread(() -> {
            try {
                channel.sender().send("second");
            } catch (Throwable t) {
                ends.add(t);
            }
        });
        producer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> channel.receiver().stats().sendersWaiting() == 1);
        channels.closeAll();
        producer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(producer.isAlive()).isFalse();
        assertThat(ends).singleElement().isInstanceOf(SendDisconnectedException.class);
    }

    @Test
    @DisplayName("a channel whose first sender handle the application closed is left to its other handles")
    void closed_first_handle_is_left_alone() {
        Channel<String> channel = channels.bounded("x", 2);
        var clone = channel.sender().clone();
        channel.sender().close();
        channels.closeAll();
        assertThat(clone.trySend("m")).isEqualTo(TrySendResult.OK);
    }

    @Test
    @DisplayName("close() closes every channel and forgets them all")
    void close_forgets_everything() {
        Recorder recorder = new Recorder();
        channels.addListener(recorder);
        Channel<String> channel = channels.unbounded("x");
        channels.close();
        assertThat(channels.channels()).isEmpty();
        assertThat(recorder.events).containsExactly("+x", "-x");
        assertThat(channel.sender().trySend("m")).isEqualTo(TrySendResult.DISCONNECTED);
    }

    @RepeatedTest(30)
    @DisplayName("stress: channels registered while closeAll runs all end closed; listeners see each name added once")
    void register_racing_close_all() throws Exception {
        int threads = 3;
        int perThread = 50;
        Recorder recorder = new Recorder();
        channels.addListener(recorder);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        Map<String, Channel<String>> made = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        String name = id + "-" + i;
                        made.put(name, channels.bounded(name, 1));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.await(30, TimeUnit.SECONDS);
        if (ThreadLocalRandom.current().nextBoolean()) {
            Thread.yield();
        }
        channels.closeAll();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(worker.isAlive()).isFalse();
        }
        assertThat(made).hasSize(threads * perThread);
        made.forEach((name, channel) ->
                assertThat(channel.sender().trySend("m")).as(name).isEqualTo(TrySendResult.DISCONNECTED));
        assertThat(recorder.events).hasSize(threads * perThread).doesNotHaveDuplicates();
    }
}
