package dev.sluice;

/**
 * OverflowPolicy: what a send does when a bounded channel is full.
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>Policy</th><th>A send on a full channel</th><th>Receivers see</th></tr>
 *   <tr><td>{@link #BLOCK}</td><td>waits for room (the default; Rust's only behaviour)</td>
 *       <td>every message</td></tr>
 *   <tr><td>{@link #DROP_NEWEST}</td><td>returns at once; the new message goes to the discard
 *       hook ({@link TrySendResult#DROPPED})</td><td>the oldest messages; newer ones are lost while
 *       the channel is full</td></tr>
 *   <tr><td>{@link #DROP_OLDEST}</td><td>returns at once; the oldest buffered message goes to the
 *       discard hook and the new one is buffered</td><td>the newest {@code capacity} messages,
 *       in order</td></tr>
 * </table>
 *
 * <p>Dropped messages are counted ({@link ChannelStats#dropped(ChannelStats.DropReason)}) and
 * handed to the channel's discard hook, once each. A dropping channel's sends never wait, so
 * they may be called from non-blocking (reactive) threads. Only bounded channels with a buffer
 * (capacity &ge; 1) take a dropping policy: an unbounded channel is never full, and a rendezvous
 * channel has nothing to evict.
 *
 * <p>Peers: kotlinx {@code BufferOverflow.SUSPEND / DROP_LATEST / DROP_OLDEST}; Quasar
 * {@code BLOCK / DROP / DISPLACE}; Pekko {@code OverflowStrategy.backpressure / dropNew /
 * dropHead}; core.async fixed / dropping / sliding buffers. {@link Channel#conflated()} is
 * kotlinx's {@code CONFLATED}.
 */
public enum OverflowPolicy {
    /** A full channel makes the sender wait (or report {@code FULL} / {@code TIMEOUT}). */
    BLOCK,
    /** A full channel rejects the new message: it goes to the discard hook and is counted. */
    DROP_NEWEST,
    /** A full channel evicts its oldest message to the discard hook, then buffers the new one. */
    DROP_OLDEST
}
