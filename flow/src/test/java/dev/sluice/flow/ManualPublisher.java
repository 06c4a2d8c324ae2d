package dev.sluice.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * ManualPublisher: a {@link Flow.Publisher} for tests that records every {@code request(n)} and
 * {@code cancel()} and emits only what the test pushes (on the test's thread), so a test can
 * check exactly what an adapter asks for.
 */
final class ManualPublisher<T> implements Flow.Publisher<T> {
    private final List<Long> requests = new ArrayList<>();
    private volatile Flow.Subscriber<? super T> subscriber;
    private volatile boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (ManualPublisher.this) {
                    requests.add(n);
                }
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }

    synchronized List<Long> requests() {
        return List.copyOf(requests);
    }

    synchronized long requested() {
        long sum = 0;
        for (long n : requests) {
            sum += n;
        }
        return sum;
    }

    boolean cancelled() {
        return cancelled;
    }

    void push(T item) {
        subscriber.onNext(item);
    }

    void complete() {
        subscriber.onComplete();
    }

    void fail(Throwable t) {
        subscriber.onError(t);
    }
}
