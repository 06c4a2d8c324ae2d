package dev.sluice.reactor;

import dev.sluice.Channel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK (blackbox) for {@link ReceiverSubscriber}, the subscriber behind
 * {@code toReceiver}, feeding a {@code bounded(8)} channel that a {@link FluxReceiver} drains.
 */
public class ReceiverSubscriberBlackboxVerification extends SubscriberBlackboxVerification<Integer> {
    public ReceiverSubscriberBlackboxVerification() {
        super(Tck.env());
    }

    int capacity() {
        return 8;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        Channel<Integer> ch = capacity() == Demand.UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity());
        ChannelFlux.from(ch.receiver()).subscribe();
        return new ReceiverSubscriber<>(ch.sender(), capacity());
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
