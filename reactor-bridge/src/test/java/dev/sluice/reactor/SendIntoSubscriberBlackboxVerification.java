package dev.sluice.reactor;

import dev.sluice.Channel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Operators;

/**
 * Reactive Streams TCK (blackbox) for the sending subscriber ({@link MonoSendInto.SendIntoSubscriber}, borrowing the handle as {@code into} does) sending into a {@code bounded(16)}
 * channel that a {@link FluxReceiver} drains.
 */
public class SendIntoSubscriberBlackboxVerification extends SubscriberBlackboxVerification<Integer> {
    public SendIntoSubscriberBlackboxVerification() {
        super(Tck.env());
    }

    int capacity() {
        return 16;
    }

    /** {@code false}: the subscriber borrows the handle ({@code into}); {@code true}: it owns the channel ({@code toReceiver}). */
    boolean ownsChannel() {
        return false;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        Channel<Integer> ch = capacity() == Demand.UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity());
        ChannelFlux.from(ch.receiver()).subscribe();
        return new MonoSendInto.SendIntoSubscriber<>(ch.sender(), ownsChannel(), Operators.emptySubscriber());
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
