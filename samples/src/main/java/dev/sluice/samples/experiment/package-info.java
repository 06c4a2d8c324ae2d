/**
 * The backpressure experiment: producer threads at a chosen rate send timestamped messages into a
 * channel of a chosen flavor (rendezvous, bounded(N), unbounded), consumer threads receive them at
 * a chosen rate, and the run reports throughput, the producers' time blocked in {@code send}, the
 * queue depth over time and end-to-end latency percentiles, and draws them in a chart.
 *
 * <p>Entry point: {@link dev.sluice.samples.experiment.BackpressureExperiment} (command line) or
 * {@link dev.sluice.samples.experiment.ExperimentRun#run} (programmatic). The pieces, one per file:
 * {@code Producer}, {@code Consumer} and {@code Sampler} (the three kinds of thread), {@code RunClock}
 * (their common start), {@code Pacer}
 * (rate limiting), {@link dev.sluice.samples.experiment.ExperimentReport} (the numbers and the
 * summary) and {@link dev.sluice.samples.experiment.BackpressureChart} (the PNG).
 */
package dev.sluice.samples.experiment;
