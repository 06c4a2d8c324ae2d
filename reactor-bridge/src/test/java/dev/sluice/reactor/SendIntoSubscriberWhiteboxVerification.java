package dev.sluice.reactor;

import dev.sluice.Channel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;
import reactor.core.publisher.Operators;

/**
 * Reactive Streams TCK (whitebox) for the sending subscriber ({@link MonoSendInto.SendIntoSubscriber}, borrowing the handle as {@code into} does) over an unbounded channel drained by
 * a {@link FluxReceiver}: a thin probe forwards every signal to the subscriber under test and
 * reports it to the TCK; the puppet's cancel is the subscriber's own downstream cancel.
 */
public class SendIntoSubscriberWhiteboxVerification extends SubscriberWhiteboxVerification<Integer> {
    public SendIntoSubscriberWhiteboxVerification() {
        super(Tck.env());
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        Channel<Integer> ch = Channel.unbounded();
        ChannelFlux.from(ch.receiver()).subscribe();
        MonoSendInto.SendIntoSubscriber<Integer> tested = new MonoSendInto.SendIntoSubscriber<>(ch.sender(), false,
                Operators.emptySubscriber());
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                tested.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        // an unbounded channel makes the subscriber request Long.MAX_VALUE by itself
                    }

                    @Override
                    public void signalCancel() {
                        tested.cancel();
                    }
                });
            }

            @Override
            public void onNext(Integer item) {
                tested.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable error) {
                tested.onError(error);
                probe.registerOnError(error);
            }

            @Override
            public void onComplete() {
                tested.onComplete();
                probe.registerOnComplete();
            }
        };
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
