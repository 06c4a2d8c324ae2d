package dev.sluice.samples.experiment;

/**
 * What the sampler thread saw at one instant of the run.
 *
 * @param atNanos          nanoseconds since the run started
 * @param depth            {@code len()} of the channel: messages buffered (always 0 for a rendezvous)
 * @param blockedProducers producers that had been inside {@code send} for longer than the
 *                         blocked threshold at that instant
 */
public record DepthSample(long atNanos, int depth, int blockedProducers) {
}
