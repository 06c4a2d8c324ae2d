package dev.sluice.samples.experiment;

/**
 * A consumer of the run: a thread ({@link ThreadConsumer}) or a Flux subscriber driven by a
 * thread ({@link FluxConsumer}). Both follow the same rules:
 *
 * <ul>
 *   <li>during the run, at most {@code rate} messages per second (a {@link Pacer} rate cap), and
 *       nothing during the load's stall;</li>
 *   <li>at the end of the run, wait at the run clock's drain gate (the orchestrator measures the
 *       retained heap while the backlog is still there), then drain at full speed until the
 *       stream ends.</li>
 * </ul>
 */
interface Consumer {

    /** The consumer thread's body: returns when the stream has ended. */
    void run() throws Exception;

    /** What it received; read after {@link #run()} returned. */
    Latencies latencies();
}
