package dev.sluice.reactor;

/**
 * Reactive Streams TCK (blackbox) for {@link SenderSubscriber} sending into a rendezvous channel
 * (request only while a receiver waits) that a {@link FluxReceiver} drains.
 */
public class RendezvousSenderSubscriberBlackboxVerification extends SenderSubscriberBlackboxVerification {
    @Override
    int capacity() {
        return 0;
    }
}
