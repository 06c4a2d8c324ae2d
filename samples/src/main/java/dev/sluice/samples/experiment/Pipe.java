package dev.sluice.samples.experiment;

import reactor.core.publisher.Flux;

/**
 * One run's transport between producers and consumers, whatever the design: the experiment's
 * threads talk only to this interface, so every design sees the same producers, the same
 * consumer and the same sampler.
 *
 * <p>Life cycle, driven by {@link ExperimentRun}: {@link #newInlet()} once per producer and
 * {@link #newOutlet()} or {@link #newFlux()} once per consumer, all before the run starts;
 * producers send until the end of the run and close their sender; once every producer has
 * finished, {@link #producersDone()} lets the consumers see the end of the stream after the
 * messages still buffered; {@link #close()} at the very end (also after a failure).
 *
 * <p>{@link #depth()} is read by the sampler thread concurrently with everything else.
 */
interface Pipe extends AutoCloseable {

    /** A producer's end. Used by one thread. */
    interface Inlet extends AutoCloseable {
        /** Sends {@code stamp}, waiting at most {@code timeoutNanos} for room. */
        Outcome send(Stamp stamp, long timeoutNanos) throws InterruptedException;

        @Override
        void close();
    }

    /** A blocking consumer's end. Used by one thread. */
    interface Outlet extends AutoCloseable {
        /** The next message, waiting for it; {@code null} once the stream has ended. */
        Stamp recv() throws InterruptedException;

        @Override
        void close();
    }

    /** What happened to one send. */
    enum Outcome {
        /** The design accepted the message. */
        SENT,
        /** No room before the timeout (the run ended while the producer waited). */
        TIMEOUT,
        /** The design refused the message (an overflow policy or a failed emission): dropped. */
        REJECTED,
        /** Every consumer is gone. */
        DISCONNECTED
    }

    Inlet newInlet();

    /** @throws UnsupportedOperationException if this design has no blocking consumer side */
    Outlet newOutlet();

    /** @throws UnsupportedOperationException if this design has no Publisher side */
    Flux<Stamp> newFlux();

    /** Messages buffered in the design right now, as the design itself reports it. */
    int depth();

    /** Called once, after every producer has closed its sender: end the stream after the backlog. */
    void producersDone() throws InterruptedException;

    @Override
    void close();
}
