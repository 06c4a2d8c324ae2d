package dev.sluice.reactor;

/**
 * Reactive Streams TCK for {@code from(toReceiver(source, 0))}: the rendezvous paths of
 * the owning sending subscriber (request only while a receiver waits) and {@link FluxReceiver}.
 */
public class RendezvousToReceiverVerification extends ToReceiverVerification {
    @Override
    int capacity() {
        return 0;
    }
}
