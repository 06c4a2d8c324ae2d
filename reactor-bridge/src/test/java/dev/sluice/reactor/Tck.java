package dev.sluice.reactor;

import org.reactivestreams.tck.TestEnvironment;
import org.testng.ITestResult;
import reactor.core.publisher.Flux;

/** Shared settings of the Reactive Streams TCK verifications of this module. */
final class Tck {
    /**
     * How long spec 3.13 ("drop the subscriber after cancel") waits before its GC: cancellation
     * may finish on another thread (a rendezvous hop to Schedulers.parallel()), and this machine
     * is shared.
     */
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
            throw new AssertionError("the required TCK test " + name + " was skipped: "
                    + result.getThrowable());
        }
    }

    /** 0, 1, 2, ... : {@code count} items (any count, up to "practically infinite"). */
    static Flux<Integer> sequence(long count) {
        return Flux.generate(() -> 0L, (i, sink) -> {
            if (i >= count) {
                sink.complete();
            } else {
                sink.next((int) (long) i);
            }
            return i + 1;
        });
    }
}
