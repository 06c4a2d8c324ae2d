package dev.sluice.reactor;

/**
 * Reactive Streams TCK (blackbox) for the sending subscriber ({@link MonoSendInto.SendIntoSubscriber}, borrowing the handle as {@code into} does) sending into a rendezvous channel
 * (request only while a receiver waits) that a {@link FluxReceiver} drains.
 */
public class RendezvousSendIntoSubscriberBlackboxVerification extends SendIntoSubscriberBlackboxVerification {
    @Override
    int capacity() {
        return 0;
    }
}
