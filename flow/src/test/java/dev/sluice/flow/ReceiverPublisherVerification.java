package dev.sluice.flow;

import dev.sluice.Channel;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK ({@code Flow} variant) for {@link FlowChannels#publisher} over a bounded
 * channel: short streams are a channel filled and disconnected before it is published; long ones
 * (up to "infinite") are fed live from an RxJava source by {@link FlowChannels#subscriber}
 * through a {@code bounded(64)} channel.
 */
public class ReceiverPublisherVerification extends FlowPublisherVerification<Integer> {
    public ReceiverPublisherVerification() {
        super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
    }

    /** The channel of a pre-filled stream of {@code elements}. */
    Channel<Integer> prefilledChannel(long elements) {
        return Channel.bounded((int) Math.max(1, elements));
    }

    /** The channel of a live stream. */
    Channel<Integer> liveChannel() {
        return Channel.bounded(64);
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        if (elements <= Tck.PREFILLED_MAX) {
            Channel<Integer> ch = prefilledChannel(elements);
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < elements; i++) {
                    if (tx.trySend(i) != TrySendResult.OK) {
                        throw new AssertionError("could not pre-fill item " + i);
                    }
                }
            }
            return FlowChannels.publisher(ch.receiver());
        }
        Channel<Integer> ch = liveChannel();
        Tck.sequence(elements).subscribe(FlowChannels.subscriber(ch.sender()));
        return FlowChannels.publisher(ch.receiver());
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        Channel<Integer> ch = liveChannel();
        ch.sender().closeChannel(new RuntimeException("the channel was closed with an error"));
        return FlowChannels.publisher(ch.receiver());
    }

    @AfterMethod(alwaysRun = true)
    public void requiredTestMustNotBeSkipped(ITestResult result) {
        Tck.requiredTestMustNotBeSkipped(result);
    }
}
