package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.scheduler.Schedulers;

/**
 * Core's short lock sections are allowed under BlockHound even when the lock is contended, so
 * that a Reactor thread waiting a moment for one is not failed with {@code BlockingOperationError}.
 * Each test holds one of a channel's locks on the test thread (reached by reflection: they are
 * core internals) while a {@code parallel()} thread runs the operation that takes it, then
 * releases it once that thread has queued on it. Under load a lock holder is easily preempted, so
 * this contention happens in real runs (ChannelFluxStressTest's cancellations); an error there
 * left a receiver handle half-closed.
 */
@Timeout(30)
class ContendedChannelLocksTest {

    @Test
    @DisplayName("a receiver closed on a parallel thread waits for a contended waiter-list lock without a BlockHound error")
    void closingAReceiverWaitsForAContendedWaiterLock() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> closing = ch.receiver().clone();
        ch.receiver().watchReceivable(() -> { });   // the receivers' waiter list is not empty
        ReentrantLock lock = lockOf(field(field(field(ch.receiver(), "shared"), "flavor"), "receivers"));
        assertNull(whileHeld(lock, closing::close));
    }

    @Test
    @DisplayName("a disconnect watch registered on a parallel thread waits for a contended watch-list lock without a BlockHound error")
    void watchingDisconnectionWaitsForAContendedWatchLock() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> watching = ch.receiver().clone();
        ch.receiver().watchDisconnected(() -> { });  // creates the receivers' disconnect-watch list
        Object shared = field(ch.receiver(), "shared");
        assertNull(whileHeld(lockOf(field(shared, "receiverWatches")), () -> watching.watchDisconnected(() -> { })));
    }

    /** Runs {@code action} on parallel() while {@code lock} is held until that thread queues on it; its failure or null. */
    private static Throwable whileHeld(ReentrantLock lock, Runnable action) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        lock.lock();
        try {
            Schedulers.parallel().schedule(() -> {
                try {
                    action.run();
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Await.until("the parallel thread queued on the lock or finished",
                    () -> lock.hasQueuedThreads() || outcome.isDone());
        } finally {
            lock.unlock();
        }
        return outcome.get(10, TimeUnit.SECONDS);
    }

    private static ReentrantLock lockOf(Object owner) throws ReflectiveOperationException {
        return (ReentrantLock) field(owner, "lock");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException next) {
                // declared in a superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
