package dev.sluice.flow;

import dev.sluice.Channel;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK ({@code Flow} variant, blackbox) for {@link FlowChannels#subscriber}
 * sending into a {@code bounded(16)} channel that {@link FlowChannels#publisher} drains.
 */
public class SenderSubscriberBlackboxVerification extends FlowSubscriberBlackboxVerification<Integer> {
    public SenderSubscriberBlackboxVerification() {
        super(Tck.env());
    }

    Channel<Integer> channel() {
        return Channel.bounded(16);
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        Channel<Integer> ch = channel();
        FlowChannels.publisher(ch.receiver()).subscribe(Tck.drainAll());
        return FlowChannels.subscriber(ch.sender());
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod(alwaysRun = true)
    public void requiredTestMustNotBeSkipped(ITestResult result) {
        Tck.requiredTestMustNotBeSkipped(result);
    }
}
