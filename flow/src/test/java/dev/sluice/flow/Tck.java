package dev.sluice.flow;

import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.ITestResult;

/** Shared settings and sources of the Reactive Streams TCK verifications of this module. */
final class Tck {
    /** How long spec 3.13 ("drop the subscriber after cancel") waits before its GC: a shared machine. */
    static final long GC_TIMEOUT_MILLIS = 1_000;

    /** Channels up to this size are pre-filled; longer streams are fed live through a small channel. */
    static final long PREFILLED_MAX = 1024;

    private Tck() {
    }

    /**
     * A TCK environment tolerant of a loaded 2-core machine: expected signals may take up to 5 s
     * (waits end as soon as they arrive, polled every 10 ms); "no signal" checks wait 50 ms.
     */
    static TestEnvironment env() {
        return new TestEnvironment(5_000, 50, 10);
    }

    /**
     * Fails the run if the TCK skipped a test it does not mark optional or untested: a required
     * test is skipped when the publisher under test cannot produce enough elements, which would
     * otherwise pass silently. Call from an {@code @AfterMethod}.
     */
    static void requiredTestMustNotBeSkipped(ITestResult result) {
        String name = result.getMethod().getMethodName();
        if (result.getStatus() == ITestResult.SKIP && name.startsWith("required_")) {
            throw new AssertionError("the required TCK test " + name + " was skipped: " + result.getThrowable());
        }
    }

    /** 0, 1, 2, ...: {@code count} items (up to "practically infinite"), a real RxJava 3 source. */
    static Flow.Publisher<Integer> sequence(long count) {
        return FlowAdapters.toFlowPublisher(Flowable.rangeLong(0, count).map(i -> (int) (long) i));
    }

    /** A subscriber that requests everything and ignores it: the far end of a channel under test. */
    static <T> Flow.Subscriber<T> drainAll() {
        return new Drain<>();
    }

    /** Requests everything, ignores it; {@link #cancel()} cancels its subscription. */
    static final class Drain<T> implements Flow.Subscriber<T> {
        private final java.util.concurrent.CompletableFuture<Flow.Subscription> subscription =
                new java.util.concurrent.CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            subscription.thenAccept(Flow.Subscription::cancel);
        }
    }
}
