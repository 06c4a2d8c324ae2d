package dev.sluice.samples;

import static dev.sluice.samples.StdoutCapture.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.A05_TryRecvOptimisticCheck.Pause;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every ported program of the article and checks its exact standard output, line by line.
 * Where the article shows output (as a comment or a listing), the expected lines are the
 * article's; where its comment disagrees with its code, they are what the code does (each case is
 * named below).
 *
 * <p>Programs whose threads race are either made deterministic by the sample itself (latches,
 * {@code join}), or run here in a variant that is (program 5). Every test is bounded by the class
 * {@code @Timeout}, on a separate thread, so a program stuck in {@code recv()} or {@code join()}
 * fails fast instead of hanging the build. Racy programs are repeated.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SamplesOutputTest {

    private static final List<String> MAIN_THREAD_ROUND = List.of(
            "1 from the main thread!",
            "2 from the main thread!",
            "3 from the main thread!",
            "4 from the main thread!");

    private static final List<String> RECEIVED_AFTER_START = List.of(
            "Received: Hi 1 from the spawned thread!",
            "Received: Hi 2 from the spawned thread!",
            "Received: Hi 3 from the spawned thread!",
            "Received: Hi 4 from the spawned thread!",
            "Received: Finish!");

    @Test
    void a01_message_sent_before_join_is_received_after_it() throws Exception {
        assertEquals(List.of("Received: Hi from spawned thread!"),
                linesOf(() -> A01_SendAfterJoin.main(new String[0])));
    }

    /** The article's comment also lists "Received: Finish!", which its code never sends. */
    @RepeatedTest(5)
    void a02_cloned_senders_then_recv_until_disconnected() throws Exception {
        assertEquals(List.of(
                        "Received: Start!",
                        "Received: Hi 1 from the spawned thread!",
                        "Received: Hi 2 from the spawned thread!",
                        "Received: Hi 3 from the spawned thread!",
                        "Received: Hi 4 from the spawned thread!"),
                linesOf(() -> A02_ClonedSenders.main(new String[0])));
    }

    @Test
    void a03_try_recv_after_join_finds_the_message() throws Exception {
        assertEquals(List.of("Received: Hi from spawned thread!"),
                linesOf(() -> A03_TryRecvAfterJoin.main(new String[0])));
    }

    @RepeatedTest(10)
    void a04_try_recv_without_join_is_empty() throws Exception {
        assertEquals(List.of("try_recv without join: Empty"),
                linesOf(() -> A04_TryRecvWithoutJoin.main(new String[0])));
    }

    /**
     * Program 5 with its sender held back by a latch that opens when the main thread has printed
     * its first round: at least one round, then every message but the discarded "Start!".
     */
    @RepeatedTest(10)
    void a05_optimistic_check_keeps_working_until_a_message_arrives() throws Exception {
        CountDownLatch firstRoundPrinted = new CountDownLatch(1);
        Pause untilFirstRound = () -> {
            if (!firstRoundPrinted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the main thread never printed a round");
            }
        };
        List<String> lines = linesOf(
                () -> A05_TryRecvOptimisticCheck.run(untilFirstRound, true),
                line -> {
                    if (line.equals("4 from the main thread!")) {
                        firstRoundPrinted.countDown();
                    }
                });
        assertRoundsThenReceived(lines, 1, RECEIVED_AFTER_START);
    }

    /** Program 5 with no pause at all: zero or more rounds, whatever the scheduling. */
    @RepeatedTest(10)
    void a05_optimistic_check_without_delay() throws Exception {
        List<String> lines = linesOf(() -> A05_TryRecvOptimisticCheck.run(() -> { }, true));
        assertRoundsThenReceived(lines, 0, RECEIVED_AFTER_START);
    }

    /** Program 5 with the article's 5 ms sleep, joined before draining. */
    @RepeatedTest(3)
    void a05_optimistic_check_with_the_articles_delay() throws Exception {
        List<String> lines = linesOf(
                () -> A05_TryRecvOptimisticCheck.run(Pause.sleep(Duration.ofMillis(5)), true));
        assertRoundsThenReceived(lines, 0, RECEIVED_AFTER_START);
    }

    /**
     * Program 5 exactly as the article runs it (no join): its drain may stop early if the spawned
     * thread has not sent everything yet, so only an in-order prefix of the messages is certain;
     * "Start!" is never printed either way.
     */
    @Test
    void a05_main_as_in_the_article_drains_in_order_and_never_prints_start() throws Exception {
        List<String> lines = linesOf(() -> A05_TryRecvOptimisticCheck.main(new String[0]));
        int received = countRounds(lines, 0) * MAIN_THREAD_ROUND.size();
        List<String> tail = lines.subList(received, lines.size());
        assertTrue(tail.size() <= RECEIVED_AFTER_START.size(), () -> "too many lines: " + tail);
        assertEquals(RECEIVED_AFTER_START.subList(0, tail.size()), tail);
        assertFalse(lines.contains("Received: Start!"));
    }

    @Test
    void a06_timed_receives_report_timeout_message_and_disconnection() throws Exception {
        assertEquals(List.of(
                        "recv_timeout(50 ms) on an empty channel: Timeout",
                        "recv_deadline(now + 50 ms) on an empty channel: Timeout",
                        "recv_timeout(10 s): Received: Hi from spawned thread!",
                        "recv_deadline(now + 10 s): Disconnected",
                        "recv_timeout(0 ms) after disconnection: Disconnected"),
                linesOf(() -> A06_RecvTimeoutAndDeadline.main(new String[0])));
    }

    @RepeatedTest(10)
    void a07_cloned_receivers_get_each_message_exactly_once() throws Exception {
        assertEquals(List.of(
                        "Received: job 1",
                        "Received: job 2",
                        "Received: job 3",
                        "Received: job 4",
                        "Received: job 5",
                        "Received: job 6",
                        "Received: job 7",
                        "Received: job 8",
                        "Received: job 9",
                        "9 jobs sent, 9 received by 3 receivers, none twice"),
                linesOf(() -> A07_MultiReceiver.main(new String[0])));
    }

    @RepeatedTest(10)
    void a08_sync_channel_blocks_the_sender_while_the_buffer_is_full() throws Exception {
        assertEquals(List.of(
                        "sent 1",
                        "sent 2",
                        "sending 3 (blocks: buffer full)",
                        "main: the sender is WAITING, 2 of 2 slots used",
                        "main: recv() takes one message and frees a slot",
                        "sent 3",
                        "received 1",
                        "received 2",
                        "received 3"),
                linesOf(() -> A08_SyncChannel.main(new String[0])));
    }

    /** The article's comment says "Hi from spawned thread!"; the code sends "Hi from send thread!". */
    @RepeatedTest(5)
    void a09_message_is_received_on_another_thread() throws Exception {
        assertEquals(List.of("Received: Hi from send thread!"),
                linesOf(() -> A09_ReceiveOnAnotherThread.main(new String[0])));
    }

    /**
     * Asserts: {@code minRounds} or more complete rounds of the main thread's four lines, then
     * exactly {@code received}, and never "Start!".
     */
    private static void assertRoundsThenReceived(List<String> lines, int minRounds, List<String> received) {
        int rounds = countRounds(lines, minRounds);
        List<String> tail = lines.subList(rounds * MAIN_THREAD_ROUND.size(), lines.size());
        assertEquals(received, tail, "after " + rounds + " rounds of the main thread");
        assertFalse(lines.contains("Received: Start!"), "the optimistic check discards \"Start!\"");
    }

    /** Counts the leading complete rounds, failing on a partial one or on fewer than {@code min}. */
    private static int countRounds(List<String> lines, int min) {
        int rounds = 0;
        int i = 0;
        while (i < lines.size() && lines.get(i).endsWith(" from the main thread!")) {
            assertTrue(i + MAIN_THREAD_ROUND.size() <= lines.size(), "incomplete round at line " + i);
            assertEquals(MAIN_THREAD_ROUND, lines.subList(i, i + MAIN_THREAD_ROUND.size()), "round at line " + i);
            i += MAIN_THREAD_ROUND.size();
            rounds++;
        }
        assertTrue(rounds >= min, "expected at least " + min + " rounds, got " + rounds);
        return rounds;
    }
}
