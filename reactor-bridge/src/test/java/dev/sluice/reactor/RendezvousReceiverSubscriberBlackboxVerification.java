package dev.sluice.reactor;

/** Reactive Streams TCK (blackbox) for {@link ReceiverSubscriber} over a rendezvous channel. */
public class RendezvousReceiverSubscriberBlackboxVerification extends ReceiverSubscriberBlackboxVerification {
    @Override
    int capacity() {
        return 0;
    }
}
