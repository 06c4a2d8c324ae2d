package dev.sluice.samples.web;

import java.util.List;

/**
 * StreamStatus: what the page shows about one stream besides its messages: the channel's policy
 * and depth ({@code len()}, never above {@code capacity}), how many messages it dropped, and what
 * each producer thread is doing. Serialized as JSON in every SSE event.
 *
 * @param stream    the stream's id, for {@code POST /streams/{id}/delay}
 * @param policy    the overflow policy: {@code block}, {@code drop_newest} or {@code drop_oldest}
 * @param depth     messages waiting in the channel now
 * @param capacity  the channel's capacity
 * @param dropped   messages the channel rejected or evicted so far (always 0 under {@code block})
 * @param delayMs   the consumer's pause per message
 * @param producers one entry per producer thread
 */
record StreamStatus(long stream, String policy, int depth, int capacity, long dropped, long delayMs,
        List<Producer> producers) {

    /**
     * @param id    the producer's number, from 1
     * @param state {@code running}, {@code blocked} (waiting in {@code send} for room) or {@code stopped}
     * @param sent  messages it has sent
     */
    record Producer(int id, String state, long sent) {
    }
}
