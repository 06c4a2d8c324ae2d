package dev.sluice.reactor;

import dev.sluice.Sender;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Reactive Streams TCK for {@code ChannelSinks.multicast(n).asFlux()}: short streams are emitted
 * (and completed) before the first subscription, buffered in the channel; long ones are fed live
 * through a {@link ChannelSink#newSender()} handle by {@link ChannelFlux#into}, then completed.
 * The TCK's multi-subscriber tests (spec 1.11) subscribe several subscribers before requesting,
 * so they all see the same elements.
 */
public class MulticastSinkVerification extends PublisherVerification<Integer> {
    public MulticastSinkVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        if (elements <= Tck.PREFILLED_MAX) {
            ChannelSink<Integer> sink = ChannelSinks.multicast((int) Math.max(1, elements));
            for (int i = 0; i < elements; i++) {
                sink.emitNext(i, Sinks.EmitFailureHandler.FAIL_FAST);
            }
            sink.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
            return sink.asFlux();
        }
        ChannelSink<Integer> sink = ChannelSinks.multicast(16);
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
        ChannelSink<Integer> sink = ChannelSinks.multicast(4);
        sink.emitError(new RuntimeException("failed sink"), Sinks.EmitFailureHandler.FAIL_FAST);
        return sink.asFlux();
    }
}
