package dev.sluice.reactor;

import dev.sluice.Channel;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK for {@link FluxReceiver} over a bounded channel: short streams are a
 * channel filled and disconnected before it is adapted; long ones (up to "infinite") are fed live
 * by {@link ChannelFlux#into} through a {@code bounded(64)} channel.
 */
public class FluxReceiverVerification extends PublisherVerification<Integer> {
    public FluxReceiverVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        if (elements <= Tck.PREFILLED_MAX) {
            Channel<Integer> ch = Channel.bounded((int) Math.max(1, elements));
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < elements; i++) {
                    if (tx.trySend(i) != TrySendResult.OK) {
                        throw new AssertionError("could not pre-fill item " + i);
                    }
                }
            }
            return ChannelFlux.from(ch.receiver());
        }
        Channel<Integer> ch = Channel.bounded(64);
        Sender<Integer> tx = ch.sender();
        ChannelFlux.into(Tck.sequence(elements), tx).doFinally(signal -> tx.close()).subscribe(null, disconnected -> { });
        return ChannelFlux.from(ch.receiver());
    }

    @AfterMethod(alwaysRun = true)
    public void requiredTestMustNotBeSkipped(ITestResult result) {
        Tck.requiredTestMustNotBeSkipped(result);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        Channel<Integer> ch = Channel.bounded(4);
        ch.sender().closeChannel(new RuntimeException("the channel was closed with an error"));
        return ChannelFlux.from(ch.receiver());
    }
}
