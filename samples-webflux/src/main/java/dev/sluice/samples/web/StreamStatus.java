package dev.sluice.samples.web;

import java.util.List;

/**
 * StreamStatus: what the page shows about one stream besides its messages: the channel depth
 * ({@code len()}, never above {@code capacity}) and what each producer thread is doing.
 * Serialized as JSON in every SSE event.
 *
 * @param stream    the stream's id, for {@code POST /streams/{id}/delay}
 * @param depth     messages waiting in the channel now
 * @param capacity  the channel's capacity
 * @param delayMs   the consumer's pause per message
 * @param producers one entry per producer thread
 */
record StreamStatus(long stream, int depth, int capacity, long delayMs, List<Producer> producers) {

    /**
     * @param id    the producer's number, from 1
     * @param state {@code running}, {@code blocked} (waiting in {@code send} for room) or {@code stopped}
     * @param sent  messages it has sent
     */
    record Producer(int id, String state, long sent) {
    }
}
