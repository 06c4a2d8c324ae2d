package dev.sluice.samples.web;

/**
 * Reading: one message a {@link LegacyProducer} sends through the channel, a simulated sensor
 * value.
 *
 * @param producer       the producer's number, from 1
 * @param number         this producer's reading count, from 1
 * @param value          the simulated measurement
 * @param readAtMillis   wall-clock time of the read, in epoch milliseconds
 */
record Reading(int producer, long number, double value, long readAtMillis) {
}
