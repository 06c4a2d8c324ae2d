package dev.sluice.reactor;

import dev.sluice.Channel;
import dev.sluice.Sender;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK for {@link FluxReceiver} over a rendezvous channel (its pending
 * {@code recvAsync} path), fed by {@link ChannelFlux#into} (its rendezvous path) .
 */
public class RendezvousFluxReceiverVerification extends PublisherVerification<Integer> {
    public RendezvousFluxReceiverVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        Channel<Integer> ch = Channel.rendezvous();
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
        Channel<Integer> ch = Channel.rendezvous();
        ch.sender().closeChannel(new RuntimeException("the channel was closed with an error"));
        return ChannelFlux.from(ch.receiver());
    }
}
