package dev.sluice.samples.experiment;

/**
 * The message of the experiment: two {@link System#nanoTime()} readings taken by its producer.
 *
 * <p>{@code scheduledAt} is when the producer's pacing schedule wanted the message sent;
 * {@code sendCalledAt} is when {@code send} was actually called. They differ when the producer
 * fell behind its schedule, typically because earlier sends blocked on a full channel. Latency
 * measured from {@code sendCalledAt} is the time spent in the channel; latency measured from
 * {@code scheduledAt} also counts the time the producer was held back, which is the latency a
 * caller of the producer would see (it does not hide the waits that backpressure moved out of
 * the queue: no "coordinated omission"). Without pacing, both are the same reading.
 */
record Stamp(long scheduledAt, long sendCalledAt) {
}
