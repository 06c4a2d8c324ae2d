package dev.sluice.reactor;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Flux;

/**
 * Reactive Streams TCK for the round trip {@code from(toReceiver(source, 8))}: a
 * the owning sending subscriber feeding a bounded channel that a {@link FluxReceiver} drains.
 */
public class ToReceiverVerification extends PublisherVerification<Integer> {
    public ToReceiverVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    int capacity() {
        return 8;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        return ChannelFlux.from(ChannelFlux.toReceiver(Tck.sequence(elements), capacity()));
    }

    @AfterMethod(alwaysRun = true)
    public void requiredTestMustNotBeSkipped(ITestResult result) {
        Tck.requiredTestMustNotBeSkipped(result);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return ChannelFlux.from(ChannelFlux.toReceiver(Flux.error(new RuntimeException("failed source")), capacity()));
    }
}
