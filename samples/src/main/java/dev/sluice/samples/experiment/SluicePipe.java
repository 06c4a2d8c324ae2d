package dev.sluice.samples.experiment;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.SendTimeoutResult;
import dev.sluice.Sender;
import dev.sluice.reactor.ChannelFlux;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * A Sluice channel as a {@link Pipe}: producers {@code sendTimeout} on cloned senders, thread
 * consumers {@code recv} on cloned receivers, Flux consumers subscribe to
 * {@code ChannelFlux.from(clone)}, so the bridge's demand is what paces the channel.
 *
 * <p>Handles: the first sender is kept open until {@link #producersDone()}, so the channel
 * disconnects (and the consumers end after the backlog) only then, whether or not every
 * producer's clone was already closed; the first receiver is the sampler's probe for
 * {@code len()}, and stays open until {@link #close()} so that a Flux that ends early cannot make
 * the producers fail. The channel's discard hook counts into {@code dropped}: today it sees only
 * what is left when the last receiver closes (nothing, in a run that drained), later what an
 * overflow policy rejects or evicts.
 */
final class SluicePipe implements Pipe {

    private final Sender<Stamp> firstSender;
    private final Receiver<Stamp> probe;

    SluicePipe(ChannelFlavor flavor, Overflow overflow, RunCounters counters) {
        Channel<Stamp> channel = overflow.open(flavor, discarded -> counters.dropped.increment());
        this.firstSender = channel.sender();
        this.probe = channel.receiver();
    }

    @Override
    public Inlet newInlet() {
        Sender<Stamp> sender = firstSender.clone();
        return new Inlet() {
            @Override
            public Outcome send(Stamp stamp, long timeoutNanos) throws InterruptedException {
                SendTimeoutResult result = sender.sendTimeout(stamp, Duration.ofNanos(timeoutNanos));
                switch (result) {
                    case OK: return Outcome.SENT;
                    case DROPPED: return Outcome.SENT;      // rejected by drop-newest: the discard hook counts it
                    case TIMEOUT: return Outcome.TIMEOUT;
                    default: return Outcome.DISCONNECTED;
                }
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    @Override
    public Outlet newOutlet() {
        Receiver<Stamp> receiver = probe.clone();
        return new Outlet() {
            @Override
            public Stamp recv() throws InterruptedException {
                try {
                    return receiver.recv();
                } catch (DisconnectedException e) {
                    return null;                            // empty and every sender closed
                }
            }

            @Override
            public void close() {
                receiver.close();
            }
        };
    }

    @Override
    public Flux<Stamp> newFlux() {
        return ChannelFlux.from(probe.clone());
    }

    @Override
    public int depth() {
        return probe.len();
    }

    @Override
    public void producersDone() {
        firstSender.close();
    }

    @Override
    public void close() {
        firstSender.close();
        probe.close();
    }
}
