package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fluent select: the behaviours of crossbeam-channel's {@code tests/select_macro.rs}. */
@Timeout(60)
class SelectBuilderTest {

    @Test
    void the_ready_arm_runs() throws Exception {                            // select_macro.rs smoke1
        Channel<Integer> a = Channel.unbounded();
        Channel<String> b = Channel.unbounded();
        b.sender().trySend("x");
        String r = Select.on(a.receiver(), v -> "a" + v).on(b.receiver(), v -> "b" + v).select();
        assertEquals("bx", r);
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void disconnected_arm_runs_its_handler_or_throws() throws Exception {  // select_macro.rs disconnected
        Channel<Integer> a = Channel.unbounded();
        a.sender().close();
        String r = Select.<Integer, String>on(a.receiver(), v -> "value", () -> "gone").select();
        assertEquals("gone", r);
        assertThrows(DisconnectedException.class, () -> Select.on(a.receiver(), v -> "value").select());
    }

    @Test
    void send_arm_runs_after_the_send() throws Exception {
        Channel<Integer> full = Channel.bounded(1);
        full.sender().trySend(0);
        Channel<Integer> ch = Channel.bounded(1);
        String r = Select.<String>builder()
                .send(full.sender(), 1, () -> "full?")
                .send(ch.sender(), 2, () -> "sent")
                .select();
        assertEquals("sent", r);
        assertEquals(2, ch.receiver().tryRecv().value());
        ch.receiver().close();
        assertThrows(SendDisconnectedException.class,
                () -> Select.<String>builder().send(ch.sender(), 3, () -> "sent").select());
        assertEquals(3, Select.<String>builder().send(ch.sender(), 3, () -> "sent", m -> "back " + m).select()
                .chars().filter(Character::isDigit).map(c -> c - '0').sum());
    }

    @Test
    void timeout_arm_when_nothing_is_ready() throws Exception {            // select_macro.rs timeout
        Channel<Integer> a = Channel.unbounded();
        long t0 = System.nanoTime();
        String r = Select.on(a.receiver(), v -> "a").timeout(Duration.ofMillis(20), () -> "timeout").select();
        assertEquals("timeout", r);
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(20).toNanos());
        assertEquals("timeout", Select.on(a.receiver(), v -> "a")
                .deadline(java.time.Instant.now(), () -> "timeout").select());
        java.lang.ref.Reference.reachabilityFence(new Object[] {a});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void default_arm_when_nothing_is_ready() throws Exception {            // select_macro.rs default
        Channel<Integer> a = Channel.unbounded();
        assertEquals("default", Select.on(a.receiver(), v -> "a").otherwise(() -> "default").select());
        a.sender().trySend(1);
        assertEquals("a", Select.on(a.receiver(), v -> "a").otherwise(() -> "default").select());
    }

    @Test
    void at_most_one_fallback_arm() {
        Channel<Integer> a = Channel.unbounded();
        assertThrows(IllegalStateException.class, () -> Select.on(a.receiver(), v -> 1)
                .otherwise(() -> 2).timeout(Duration.ZERO, () -> 3));
    }

    @Test
    void biased_builder_picks_the_first() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        TestSupport.fill(a.sender(), 100);
        TestSupport.fill(b.sender(), 100);
        SelectBuilder<String> sel = Select.on(a.receiver(), v -> "a").on(b.receiver(), v -> "b").biased();
        for (int i = 0; i < 100; i++) {
            assertEquals("a", sel.select());
        }
        assertEquals("b", sel.select());
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void both_ready_each_runs_about_half_the_time() throws Exception {     // select_macro.rs fairness1
        int n = 10_000;
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        TestSupport.fill(a.sender(), n);
        TestSupport.fill(b.sender(), n);
        SelectBuilder<Integer> sel = Select.on(a.receiver(), v -> 0).on(b.receiver(), v -> 1);
        int[] hits = new int[2];
        for (int i = 0; i < n; i++) {
            hits[sel.select()]++;
        }
        assertTrue(hits[0] >= n / 4 && hits[1] >= n / 4, hits[0] + "/" + hits[1]);
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void timer_arm_in_the_fluent_form() throws Exception {                 // select_macro.rs after
        Channel<Integer> a = Channel.unbounded();
        String r = Select.on(a.receiver(), v -> "a").on(Channel.after(Duration.ofMillis(10)), t -> "timer")
                .on(Channel.never(), t -> "never").select();
        assertEquals("timer", r);
        java.lang.ref.Reference.reachabilityFence(new Object[] {a});   // an unreachable sender would disconnect (Cleaner)
    }
}
