package dev.sluice.samples.experiment;

/**
 * What the sampler thread saw at one instant of the run.
 *
 * @param atNanos          nanoseconds since the run started
 * @param depth            messages buffered as the design reports it ({@code len()},
 *                         {@code size()}, Reactor's {@code BUFFERED}); always 0 for a rendezvous
 * @param inFlight         messages sent and not yet received ({@link RunCounters#inFlight()}):
 *                         the design's buffer plus anything between it and the consumer
 * @param blockedProducers producers that had been inside {@code send} for longer than the
 *                         blocked threshold at that instant
 * @param heapUsedBytes    heap in use ({@link HeapProbe#used()}), garbage included
 */
public record DepthSample(long atNanos, int depth, long inFlight, int blockedProducers, long heapUsedBytes) {
}
