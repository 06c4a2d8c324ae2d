package dev.sluice.reactor;

import dev.sluice.Sender;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Reactive Streams TCK for {@link ChannelSink#asFlux()}: short streams are emitted (and completed)
 * before subscription; long ones are fed live into the sink's channel through its
 * {@link ChannelSink#newSender()} by {@link ChannelFlux#into}, then completed.
 */
public class ChannelSinkVerification extends PublisherVerification<Integer> {
    public ChannelSinkVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    /** A new sink of {@code capacity} under test. */
    ChannelSink<Integer> sink(int capacity) {
        return ChannelSinks.many(capacity);
    }

    /** The capacity of the sink that long streams are fed into live. */
    int liveCapacity() {
        return 64;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        if (elements <= Tck.PREFILLED_MAX) {
            ChannelSink<Integer> sink = sink((int) Math.max(1, elements));
            for (int i = 0; i < elements; i++) {
                sink.emitNext(i, Sinks.EmitFailureHandler.FAIL_FAST);
            }
            sink.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
            return sink.asFlux();
        }
        ChannelSink<Integer> sink = sink(liveCapacity());
        Sender<Integer> tx = sink.newSender();
        ChannelFlux.into(Tck.sequence(elements), tx)
                .doFinally(signal -> tx.close())
                .then(Mono.fromRunnable(sink::tryEmitComplete))
                .subscribe(null, disconnected -> { });
        return sink.asFlux();
    }

    @AfterMethod(alwaysRun = true)
    public void requiredTestMustNotBeSkipped(ITestResult result) {
        Tck.requiredTestMustNotBeSkipped(result);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        ChannelSink<Integer> sink = sink(4);
        sink.emitError(new RuntimeException("failed sink"), Sinks.EmitFailureHandler.FAIL_FAST);
        return sink.asFlux();
    }
}
