package dev.sluice.reactor;

import dev.sluice.Channel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Operators;

/**
 * Reactive Streams TCK (blackbox) for the sending subscriber owning its channel ({@link MonoSendInto.SendIntoSubscriber}), as behind
 * {@code toReceiver}, feeding a {@code bounded(8)} channel that a {@link FluxReceiver} drains.
 */
public class OwningSendIntoSubscriberBlackboxVerification extends SubscriberBlackboxVerification<Integer> {
    public OwningSendIntoSubscriberBlackboxVerification() {
        super(Tck.env());
    }

    int capacity() {
        return 8;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        Channel<Integer> ch = capacity() == Demand.UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity());
        ChannelFlux.from(ch.receiver()).subscribe();
        return new MonoSendInto.SendIntoSubscriber<>(ch.sender(), true, Operators.emptySubscriber());
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
