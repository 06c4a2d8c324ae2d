package dev.sluice.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Recorder: a {@link Flow.Subscriber} for tests that records what it receives and requests only
 * when told to; every wait has a timeout.
 */
final class Recorder<T> implements Flow.Subscriber<T> {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    /** Completes with {@code null} on onComplete, exceptionally on onError. */
    final CompletableFuture<Void> terminal = new CompletableFuture<>();
    private final List<T> items = new ArrayList<>();
    private final List<Thread> onNextThreads = new ArrayList<>();
    private volatile Consumer<T> onNextHook = item -> { };
    private volatile int onSubscribeCalls;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        onSubscribeCalls++;
        subscription.complete(s);
    }

    @Override
    public void onNext(T item) {
        synchronized (this) {
            items.add(item);
            onNextThreads.add(Thread.currentThread());
            notifyAll();
        }
        onNextHook.accept(item);
    }

    @Override
    public void onError(Throwable t) {
        terminal.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        terminal.complete(null);
    }

    Recorder<T> onNext(Consumer<T> hook) {
        onNextHook = hook;
        return this;
    }

    Flow.Subscription subscription() throws Exception {
        return subscription.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void request(long n) throws Exception {
        subscription().request(n);
    }

    void cancel() throws Exception {
        subscription().cancel();
    }

    int onSubscribeCalls() {
        return onSubscribeCalls;
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }

    synchronized List<Thread> onNextThreads() {
        return List.copyOf(onNextThreads);
    }

    /** Waits until at least {@code count} items arrived; returns them all. */
    synchronized List<T> awaitItems(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (items.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + count + " items; got " + items);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(items);
    }

    /** Waits for onComplete; fails if onError came instead. */
    void awaitComplete() throws Exception {
        terminal.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for onError and returns its throwable. */
    Throwable awaitError() throws Exception {
        try {
            terminal.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed instead of failing");
    }
}
