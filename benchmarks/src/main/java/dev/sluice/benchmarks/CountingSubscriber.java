package dev.sluice.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * CountingSubscriber: the end of every bridge path; counts the items, checks that they arrive in
 * order ({@code 0, 1, 2, ...}), optionally spends a fixed time on each, and signals completion.
 *
 * <p>It requests without bound: the batching is done by the {@code publishOn} in front of it (see
 * {@link BridgeRig}). Its counters are written by the delivering thread only and read after the
 * completion latch, which orders them.
 */
final class CountingSubscriber extends BaseSubscriber<Integer> {
    private final Progress progress;
    private final long workNanos;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private long count;
    private Throwable error;

    CountingSubscriber(Progress progress, long workNanos) {
        this.progress = progress;
        this.workNanos = workNanos;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(Integer value) {
        if (value != count) {
            throw new IllegalStateException("item " + count + " arrived as " + value);
        }
        count++;
        if (workNanos > 0) {
            long until = System.nanoTime() + workNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();                  // the slow subscriber's "work"
            }
        }
        if (progress != null) {
            progress.consumed(count);
        }
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        error = throwable;
    }

    @Override
    protected void hookFinally(reactor.core.publisher.SignalType type) {
        terminated.countDown();
    }

    /** Waits for the end of the stream and checks it delivered exactly {@code expected} items. */
    void await(int expected, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        if (!terminated.await(timeout, unit)) {
            dispose();
            throw new TimeoutException("stream not finished after " + timeout + " " + unit + ": " + count + " items");
        }
        if (error != null) {
            throw new IllegalStateException("stream failed after " + count + " items", error);
        }
        if (count != expected) {
            throw new IllegalStateException("stream completed after " + count + " items, expected " + expected);
        }
    }
}
