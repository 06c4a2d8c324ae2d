package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Select;
import dev.sluice.Sender;
import dev.sluice.Watch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code Select.tryReady()} and {@code Watch.rearm()} on a rendezvous channel may wait for the
 * channel's lock, whose critical sections are a few field writes and never a wait for another
 * party: the same bounded wait as registering a watch. Under BlockHound on a {@code parallel()}
 * thread that wait is allowed (it does not report a blocking call), exactly as for
 * {@code watchReceivable}. The test holds the channel's lock itself, so the call really queues
 * on it, then lets it go.
 */
@Timeout(60)
class RendezvousLockWaitTest {

    @Test
    @DisplayName("tryReady on a rendezvous channel whose lock is held waits for it on a parallel thread without a blocking-call report")
    void try_ready_waits_for_a_held_rendezvous_lock_without_a_blocking_report() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Select sel = new Select();
        sel.recv(rx);
        int ready = withLockHeld(tx, () -> sel.tryReady());
        assertEquals(-1, ready, "nobody is sending");
        tx.close();
        rx.close();
    }

    @Test
    @DisplayName("rearm of a rendezvous watch whose lock is held waits for it on a parallel thread without a blocking-call report")
    void rearm_waits_for_a_held_rendezvous_lock_without_a_blocking_report() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Watch watch = rx.watchReceivable(() -> {
            calls.incrementAndGet();
            first.countDown();
        });
        CompletableFuture<Void> sent = tx.sendAsync(1);   // a waiting sender: the watch fires
        assertTrue(first.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        boolean rearmed = withLockHeld(tx, watch::rearm);
        assertTrue(rearmed);
        assertEquals(2, calls.get(), "re-armed while a sender waits: fires again at once");
        assertEquals(1, rx.recv());
        sent.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        tx.close();
        rx.close();
    }

    /** Runs {@code call} on a parallel thread while this thread holds the channel's lock. */
    private static <V> V withLockHeld(Sender<?> tx, Supplier<V> call) throws Exception {
        ReentrantLock lock = findLock(tx);
        assertNotNull(lock, "the rendezvous flavor's lock");
        CompletableFuture<V> result;
        lock.lock();
        try {
            result = Mono.fromSupplier(call).subscribeOn(Schedulers.parallel()).toFuture();
            long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
            while (!lock.hasQueuedThreads() && !result.isDone()) {
                assertTrue(System.nanoTime() - deadline < 0, "the call never reached the lock");
                Thread.onSpinWait();
            }
        } finally {
            lock.unlock();
        }
        return result.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);   // a BlockHound report fails here
    }

    /** The first {@link ReentrantLock} reachable from {@code root} through core's own fields. */
    private static ReentrantLock findLock(Object root) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (!seen.add(o)) {
                continue;
            }
            for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("dev.sluice"); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v instanceof ReentrantLock && o.getClass().getSimpleName().startsWith("Zero")) {
                        return (ReentrantLock) v;
                    }
                    if (v != null && v.getClass().getName().startsWith("dev.sluice")) {
                        todo.add(v);
                    }
                }
            }
        }
        return null;
    }
}
