package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A blocked thread that sees its waiter selected may return at once, without the waker's lock,
 * and register the same (cached) waiter in another channel's list. These tests make that
 * happen at the worst moment, inside the selecting CAS, and check that the list the waiter left
 * is intact: every walk must unlink a waiter before it selects it.
 *
 * <p>The race they pin down hung {@code WakeupStressTest.pingPong_eachHandOffWakesThePeer} on
 * JDK 25 in CI: a receiver's waiter, reused for its next send, stayed linked in the rendezvous
 * channel's list, which became a cycle.
 */
class WaiterReuseTest {

    /** A waiter whose owner reuses it in {@code elsewhere} the moment it is selected. */
    private static final class EagerReuser extends Waiter {
        final WaiterList elsewhere = new WaiterList();

        EagerReuser() {
            super(Thread.currentThread());
        }

        @Override
        boolean trySelect(int outcome) {
            if (!super.trySelect(outcome)) {
                return false;
            }
            reset();                          // what ParkingWaiter.acquire() does for the next call
            elsewhere.add(this);              // ... registered with another channel
            return true;
        }

        @Override
        void wake() {
        }
    }

    @Test
    void selectOne_unlinks_the_waiter_before_its_owner_can_reuse_it() {
        Waker waker = new Waker();
        EagerReuser w = new EagerReuser();
        waker.register(w);
        assertSame(w, waker.selectOne());
        assertLeftIntact(waker, w);
    }

    @Test
    void disconnect_unlinks_every_waiter_before_their_owners_can_reuse_them() {
        Waker waker = new Waker();
        EagerReuser a = new EagerReuser();
        EagerReuser b = new EagerReuser();
        waker.register(a);
        waker.register(b);
        ArrayList<Waiter> woken = waker.disconnect();
        assertEquals(2, woken.size());
        assertLeftIntact(waker, a);
        assertLeftIntact(waker, b);
    }

    @Test
    void closing_a_handle_unlinks_its_waiters_before_their_owners_can_reuse_them() {
        Waker waker = new Waker();
        Object handle = new Object();
        EagerReuser mine = new EagerReuser();
        EagerReuser other = new EagerReuser();
        mine.handle = handle;
        waker.register(other);
        waker.register(mine);
        ArrayList<Waiter> aborted = waker.abortWaitersOf(handle);
        assertEquals(1, aborted.size());
        assertSame(mine, mine.elsewhere.first(), "reused elsewhere");
        assertSame(other, waker.selectors().first(), "the other handle's waiter stays");
        assertNull(other.next, "and nothing after it");
        assertEquals(1, Waker.count(waker.selectors()));
    }

    @Test
    void takeObservers_unlinks_every_watch_before_it_is_selected() {
        Waker waker = new Waker();
        EagerReuser w = new EagerReuser();
        waker.watch(w);
        assertSame(w, waker.takeObservers(), "one observer: returned itself, no list");
        assertTrue(waker.isEmpty());
        assertSame(w, w.elsewhere.first());
    }

    @Test
    void rendezvous_send_unlinks_the_receiver_it_pairs_with() {
        ZeroFlavor<String> zero = new ZeroFlavor<>();
        EagerReuser receiver = new EagerReuser();
        zero.registerRecv(receiver);
        assertSame(TrySendResult.OK, zero.trySend("m"));
        assertEquals(0, zero.receiversWaiting(), "the reused waiter is no longer listed here");
        assertSame(receiver, receiver.elsewhere.first());
    }

    @Test
    void rendezvous_receive_unlinks_the_sender_it_pairs_with() {
        ZeroFlavor<String> zero = new ZeroFlavor<>();
        EagerReuser sender = new EagerReuser();
        zero.registerSend(sender, "m");
        assertEquals("m", zero.tryRecv());
        assertEquals(0, zero.sendersWaiting(), "the reused waiter is no longer listed here");
        assertSame(sender, sender.elsewhere.first());
    }

    private static void assertLeftIntact(Waker waker, EagerReuser w) {
        assertTrue(waker.selectors().isEmpty(), "the waker no longer lists the reused waiter");
        assertSame(w.elsewhere, w.list, "the waiter belongs to its new list only");
        assertSame(w, w.elsewhere.first());
    }
}
