package dev.sluice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Race: runs a few parties at once, round after round, on reused daemon threads, and turns a
 * hang into a failure that shows where every party was stuck.
 *
 * <p>Each {@link #run} releases its parties together through a start latch (so that they
 * really overlap, even though the threads are reused) and waits for all of them at most
 * {@link #HANG}. A party still running then is reported with its stack trace: a lost wake-up
 * shows up as a thread parked in a channel operation. {@link #close()} interrupts the threads
 * that are left.
 */
final class Race implements AutoCloseable {
    /** A bound no healthy round comes near; reaching it means a party hangs. */
    static final Duration HANG = Duration.ofSeconds(10);

    /** A party's body; may throw. */
    @FunctionalInterface
    interface Party {
        void run() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService pool;

    Race(String name) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            synchronized (threads) {
                threads.add(t);
            }
            return t;
        });
    }

    /**
     * Runs {@code parties} concurrently and waits for all of them. The first failure is
     * rethrown as soon as it happens (the other parties may be waiting for the failed one);
     * a party still running after {@link #HANG} fails the round with every thread's stack.
     */
    void run(Party... parties) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        for (Party p : parties) {
            done.submit(() -> {
                start.await();
                p.run();
                return null;
            });
        }
        start.countDown();
        long deadline = System.nanoTime() + HANG.toNanos();
        for (int finished = 0; finished < parties.length; finished++) {
            Future<Void> next = done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError((parties.length - finished) + " of " + parties.length
                        + " parties did not finish within " + HANG + " (a hang or a lost wake-up)\n" + dump());
            }
            try {
                next.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        }
    }

    /** The stack of every thread of this race, for the hang report. */
    private String dump() {
        StringBuilder out = new StringBuilder();
        synchronized (threads) {
            for (Thread t : threads) {
                out.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement e : t.getStackTrace()) {
                    out.append("    at ").append(e).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
