package dev.sluice.flow;

import dev.sluice.Channel;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.ITestResult;
import org.testng.annotations.AfterMethod;

/**
 * Reactive Streams TCK ({@code Flow} variant, whitebox) for {@link FlowChannels#subscriber}
 * sending into a channel drained by {@link FlowChannels#publisher}: a thin probe forwards every
 * signal to the subscriber under test and reports it to the TCK. The subscriber requests by
 * itself (all the channel can hold), so the puppet's request needs no action; the puppet's cancel
 * is what cancels this subscriber in real use: its channel's receivers go away (the draining
 * subscription is cancelled, which closes the channel's only receiver).
 */
public class SenderSubscriberWhiteboxVerification extends FlowSubscriberWhiteboxVerification<Integer> {
    public SenderSubscriberWhiteboxVerification() {
        super(Tck.env());
    }

    Channel<Integer> channel() {
        return Channel.unbounded();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        Channel<Integer> ch = channel();
        Tck.Drain<Integer> drain = new Tck.Drain<>();
        FlowChannels.publisher(ch.receiver()).subscribe(drain);
        Flow.Subscriber<Integer> tested = FlowChannels.subscriber(ch.sender());
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                tested.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        // the subscriber has requested what fits by itself, and the channel is drained
                    }

                    @Override
                    public void signalCancel() {
                        drain.cancel();                // closes the only receiver: it cancels upstream
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
