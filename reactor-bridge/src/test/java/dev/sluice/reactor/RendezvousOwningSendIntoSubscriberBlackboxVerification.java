package dev.sluice.reactor;

/** Reactive Streams TCK (blackbox) for the owning sending subscriber over a rendezvous channel. */
public class RendezvousOwningSendIntoSubscriberBlackboxVerification extends OwningSendIntoSubscriberBlackboxVerification {
    @Override
    int capacity() {
        return 0;
    }
}
