package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BlockingGuardConformanceTest: the {@link BlockingGuard} hook: on a thread the installed predicate
 * forbids, every operation that may wait ({@code send}, {@code sendTimeout}, {@code sendDeadline}
 * on bounded and rendezvous channels, {@code recv}, {@code recvTimeout}, {@code recvDeadline},
 * blocking iteration and {@code stream()}) throws {@link IllegalStateException} on entry, without
 * side effects, even when this particular call would not have had to wait; {@code try*},
 * {@code *Async}, watches and unbounded sends (which never wait) are never checked. Other threads
 * are not affected. The guard is process-wide, so each test installs a predicate that matches only its own
 * thread and removes it in {@code finally} (here: {@link AfterEach}).
 */
@Timeout(10)
class BlockingGuardConformanceTest {
    private Predicate<Thread> previous;

    @BeforeEach
    void rememberGuard() {
        previous = BlockingGuard.installed();
    }

    @AfterEach
    void restoreGuard() {
        BlockingGuard.install(previous);
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void guarded_thread_cannot_block(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (flavor.buffers()) {
            tx.send(1);                                     // something to receive: no wait needed
        }
        Thread self = Thread.currentThread();
        BlockingGuard.install(t -> t == self);
        try {
            List<Executable> blocking = new ArrayList<>(List.of(
                    rx::recv,
                    () -> rx.recvTimeout(Duration.ofSeconds(1)),
                    () -> rx.recvTimeout(Duration.ZERO),
                    () -> rx.recvDeadline(Instant.MAX),
                    () -> rx.iterator().hasNext(),
                    () -> {
                        for (int ignored : rx) {
                            break;
                        }
                    },
                    () -> rx.stream().findFirst()));
            if (flavor.sendCanBlock()) {
                blocking.addAll(List.of(
                        () -> tx.send(2),
                        () -> tx.sendTimeout(2, Duration.ofSeconds(1)),
                        () -> tx.sendTimeout(2, Duration.ZERO),
                        () -> tx.sendDeadline(2, Instant.MAX)));
            }
            for (Executable op : blocking) {
                IllegalStateException e = assertThrows(IllegalStateException.class, op);
                assertTrue(e.getMessage().contains("must not block"), e.getMessage());
                assertTrue(e.getMessage().contains(self.getName()), e.getMessage());
            }
            assertEquals(flavor.buffers() ? 1 : 0, rx.len());   // nothing was sent or received
        } finally {
            BlockingGuard.install(null);
        }
        if (flavor.buffers()) {
            assertEquals(1, rx.tryRecv().value());
        }
        assertTrue(rx.tryRecv().isEmpty());
    }

    // BlockingGuard: "neither are sends on an unbounded channel, which never wait" (an event loop may
    // hand work to a blocking thread through one, as Rust async code does with mpsc::channel())
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "UNBOUNDED")
    void guarded_thread_may_send_unbounded(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Thread self = Thread.currentThread();
        BlockingGuard.install(t -> t == self);
        try {
            tx.send(1);
            assertEquals(SendTimeoutResult.OK, tx.sendTimeout(2, Duration.ofSeconds(1)));
            assertEquals(SendTimeoutResult.OK, tx.sendDeadline(3, Instant.MAX));
            assertThrows(IllegalStateException.class, ch.receiver()::recv);   // receiving may wait
        } finally {
            BlockingGuard.install(null);
        }
        assertEquals(List.of(1, 2, 3), TestSupport.drain(ch.receiver()));
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void guarded_thread_may_use_non_blocking_and_async_operations(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Thread self = Thread.currentThread();
        BlockingGuard.install(t -> t == self);
        try {
            CompletableFuture<Integer> received = rx.recvAsync();
            TrySendResult r = tx.trySend(1);                 // pairs with the async receiver, or buffers
            assertEquals(TrySendResult.OK, r);
            assertEquals(1, received.getNow(-1));
            CompletableFuture<Void> sent = tx.sendAsync(2);
            assertEquals(2, rx.tryRecv().value());
            assertTrue(sent.isDone());
            Iterator<Integer> now = rx.tryIter().iterator();
            assertFalse(now.hasNext());
            assertTrue(rx.watchReceivable(() -> { }).cancel());   // registered: nothing to receive
            tx.watchSendable(() -> { }).cancel();                 // fired or registered, never checked
            assertEquals(0, rx.len());
        } finally {
            BlockingGuard.install(null);
        }
    }

    @Test
    void other_threads_are_not_affected() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Thread self = Thread.currentThread();
        BlockingGuard.install(t -> t == self);
        try {
            TestSupport.Spawned<Integer> other = TestSupport.spawn("other", () -> {
                ch.sender().send(5);
                return ch.receiver().recv();
            });
            assertEquals(5, other.get());
            assertThrows(IllegalStateException.class, ch.receiver()::recv);
        } finally {
            BlockingGuard.install(null);
        }
        assertNull(BlockingGuard.installed());
    }

    @Test
    void install_replaces_and_null_removes() throws Exception {
        Thread self = Thread.currentThread();
        Predicate<Thread> here = t -> t == self;
        Predicate<Thread> never = t -> false;
        Channel<Integer> ch = Channel.bounded(1);
        try {
            BlockingGuard.install(here);
            assertSame(here, BlockingGuard.installed());
            assertThrows(IllegalStateException.class, () -> ch.sender().sendTimeout(1, Duration.ZERO));
            BlockingGuard.install(never);                       // replaces: blocking is allowed again
            assertSame(never, BlockingGuard.installed());
            assertEquals(SendTimeoutResult.OK, ch.sender().sendTimeout(1, Duration.ZERO));
        } finally {
            BlockingGuard.install(null);
        }
        assertNull(BlockingGuard.installed());
    }
}
