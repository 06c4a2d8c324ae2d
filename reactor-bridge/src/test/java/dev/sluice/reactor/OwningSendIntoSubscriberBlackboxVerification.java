package dev.sluice.reactor;

/**
 * Reactive Streams TCK (blackbox) for the sending subscriber owning its channel ({@link MonoSendInto.SendIntoSubscriber}), as behind
 * {@code toReceiver}, feeding a {@code bounded(8)} channel that a {@link FluxReceiver} drains.
 */
public class OwningSendIntoSubscriberBlackboxVerification extends SendIntoSubscriberBlackboxVerification {
    @Override
    int capacity() {
        return 8;
    }

    @Override
    boolean ownsChannel() {
        return true;
    }
}
