package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Sender;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Producer: a legacy, blocking thread that sends {@code from, from+1, ...} with {@code send} and
 * counts the sends that returned; it closes its handle when done or failed.
 */
final class Producer {
    final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile @Nullable Throwable failure;

    private Producer(String name, Sender<Integer> tx, int from, int count) {
        this.thread = new Thread(() -> {
            try (tx) {
                for (int i = 0; i < count; i++) {
                    tx.send(from + i);
                    sent.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                finished.countDown();
            }
        }, name);
        thread.setDaemon(true);
    }

    static Producer start(String name, Sender<Integer> tx, int from, int count) {
        Producer producer = new Producer(name, tx, from, count);
        producer.thread.start();
        return producer;
    }

    /** Sends that returned normally so far. */
    int sent() {
        return sent.get();
    }

    /** {@code true} once the thread is parked in a send with exactly {@code n} sends done. */
    boolean parkedAfter(int n) {
        Thread.State state = thread.getState();
        return sent() == n && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);
    }

    /** Waits (with a timeout) for the thread to finish; returns what it threw, or null. */
    @Nullable Throwable join() throws InterruptedException {
        assertTrue(finished.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), thread.getName() + " did not finish");
        return failure;
    }
}
