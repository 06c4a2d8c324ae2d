package dev.sluice.samples.web;

/**
 * ReadingEvent: the JSON data of one {@code reading} SSE event: a message the subscriber took out
 * of the channel, with the stream's status at that moment.
 *
 * @param seq          the event's position in this stream, from 1 (also the SSE {@code id})
 * @param producer     the producer that sent it
 * @param reading      that producer's reading count
 * @param value        the simulated measurement
 * @param readAtMillis when the producer read it, epoch milliseconds
 * @param sentAtMillis when it was emitted to the client, epoch milliseconds
 * @param ageMs        {@code sentAtMillis - readAtMillis}: time spent waiting in the producer and
 *                     the channel; with a slow consumer it grows to about
 *                     {@code (capacity + producers) x delay} under {@code block} (each blocked
 *                     producer holds one more message in its hand), and to about
 *                     {@code capacity x delay} under the drop policies (producers never wait)
 * @param status       the channel depth and producer states when it was emitted
 */
record ReadingEvent(long seq, int producer, long reading, double value, long readAtMillis, long sentAtMillis,
        long ageMs, StreamStatus status) {
}
