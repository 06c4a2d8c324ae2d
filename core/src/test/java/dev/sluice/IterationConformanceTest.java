package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.fill;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IterationConformanceTest: the semantics contract rows {@code iter, into_iter} (blocking
 * {@code Iterable} and {@code stream()}, ending when empty and disconnected) and {@code try_iter}
 * (what is available now, ending at the first empty), plus the Java rule that a channel closed with
 * a cause makes iteration throw that cause after the buffered messages.
 */
@Timeout(10)
class IterationConformanceTest {

    // std tests.rs `test_recv_into_iter_borrowed`; crossbeam tests/iter.rs `recv_iter_break` shape
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void iter_ends_when_empty_and_disconnected(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                for (int i = 1; i <= 3; i++) {
                    tx.send(i);
                }
            }
        });
        List<Integer> got = new ArrayList<>();
        for (int msg : ch.receiver()) {
            got.add(msg);
        }
        assertEquals(List.of(1, 2, 3), got);
        sender.get();
        Iterator<Integer> again = ch.receiver().iterator();  // a new iterator ends at once
        assertFalse(again.hasNext());
        assertThrows(NoSuchElementException.class, again::next);
    }

    // std tests.rs `test_nested_recv_iter`: iteration on another thread sums until disconnection
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void nested_recv_iter(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Channel<Integer> total = Channel.unbounded();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> summer = run("summer", () -> {
            int acc = 0;
            for (int x : rx) {
                acc += x;
            }
            total.sender().send(acc);
        });
        try (Sender<Integer> tx = ch.sender()) {
            tx.send(3);
            tx.send(1);
            tx.send(2);
        }
        assertEquals(6, total.receiver().recvTimeout(WAIT).value());
        summer.get();
    }

    // iteration is blocking: it waits for the next message while a sender is open
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void iter_blocks_for_next_message(TestFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create();
        Receiver<String> rx = ch.receiver();
        Spawned<String> first = spawn("iterator", () -> rx.iterator().next()).awaitBlocked();
        ch.sender().send("one");
        assertEquals("one", first.get());
    }

    // std tests.rs `test_recv_iter_break`: leaving the loop early leaves the rest in the channel
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void recv_iter_break(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        fill(ch.sender(), 6);
        int count = 0;
        for (int x : ch.receiver()) {
            if (count >= 3) {
                break;                                // consumed 0, 1, 2 and 3
            }
            count += 1;
        }
        assertEquals(List.of(4, 5), TestSupport.drain(ch.receiver()));
    }

    // stream() is the blocking sequence as a java.util.stream.Stream; ends like iteration
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stream_ends_when_empty_and_disconnected(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                for (int i = 0; i < 100; i++) {
                    tx.send(i);
                }
            }
        });
        List<Integer> got = ch.receiver().stream().collect(Collectors.toList());
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, got.get(i));
        }
        sender.get();
        assertEquals(0, ch.receiver().stream().count());
    }

    // crossbeam `try_iter` (tests/iter.rs `try_recv`); std tests.rs `test_recv_try_iter`: yields what is
    // available now and ends on the first empty, although a sender is still open
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void try_iter(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Iterable<Integer> available = rx.tryIter();
        assertFalse(available.iterator().hasNext());
        assertThrows(NoSuchElementException.class, () -> available.iterator().next());
        if (flavor.buffers()) {
            fill(tx, Math.min(flavor.room(5), 5));
            List<Integer> got = new ArrayList<>();
            available.forEach(got::add);
            assertEquals(flavor.room(5) >= 5 ? List.of(0, 1, 2, 3, 4) : List.of(0), got);
            assertFalse(available.iterator().hasNext());
            tx.send(9);                                   // each iterator() starts afresh
            assertEquals(9, available.iterator().next());
        } else {
            Spawned<Void> sender = run("sender", () -> tx.send(7)).awaitBlocked();
            Iterator<Integer> it = available.iterator();
            assertTrue(it.hasNext());                      // a waiting sender is available now
            assertEquals(7, it.next());
            assertFalse(it.hasNext());
            sender.get();
        }
        tx.close();
        assertFalse(available.iterator().hasNext());       // disconnected: ends as well
    }

    // Receiver javadoc: "iteration throws a DisconnectedException with that cause instead of ending quietly"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void iter_throws_close_cause_after_buffered_messages(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        IllegalStateException cause = new IllegalStateException("source failed");
        Spawned<Void> sender = run("sender", () -> {
            tx.send(1);
            tx.send(2);
            tx.closeChannel(cause);
        });
        List<Integer> got = new ArrayList<>();
        Iterator<Integer> it = ch.receiver().iterator();
        DisconnectedException e = assertThrows(DisconnectedException.class, () -> {
            while (it.hasNext()) {
                got.add(it.next());
            }
        });
        assertSame(cause, e.getCause());
        assertEquals(List.of(1, 2), got);
        assertFalse(it.hasNext());                          // reported once, then the iterator is done
        sender.get();
    }

    // the same for stream(): the terminal operation throws the cause after the buffered elements
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stream_throws_close_cause_after_buffered_messages(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        RuntimeException cause = new RuntimeException("source failed");
        Spawned<Void> sender = run("sender", () -> {
            tx.send(1);
            tx.send(2);
            tx.closeChannel(cause);
        });
        List<Integer> got = new ArrayList<>();
        DisconnectedException e = assertThrows(DisconnectedException.class,
                () -> ch.receiver().stream().forEach(got::add));
        assertSame(cause, e.getCause());
        assertEquals(List.of(1, 2), got);
        sender.get();
    }

    // tryIter ends quietly even when the channel was closed with a cause (it never reports disconnection)
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void try_iter_ignores_close_cause(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        fill(ch.sender(), 2);
        ch.sender().closeChannel(new RuntimeException("failed"));
        assertEquals(List.of(0, 1), TestSupport.drain(ch.receiver()));
        assertTrue(ch.receiver().tryRecv().isDisconnected());
    }

    // Competing iterators on cloned receivers share the messages: each is seen by exactly one loop
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void cloned_receivers_iterate_competing(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx2 = ch.receiver().clone();
        Spawned<List<Integer>> a = spawn("a", () -> ch.receiver().stream().collect(Collectors.toList()));
        Spawned<List<Integer>> b = spawn("b", () -> rx2.stream().collect(Collectors.toList()));
        try (Sender<Integer> tx = ch.sender()) {
            for (int i = 0; i < 1000; i++) {
                tx.send(i);
            }
        }
        List<Integer> all = new ArrayList<>(a.get());
        all.addAll(b.get());
        all.sort(null);
        assertEquals(1000, all.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, all.get(i));
        }
    }
}
