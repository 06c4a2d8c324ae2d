/**
 * The backpressure experiment: an instrument that compares designs side by side. Producer
 * threads send timestamped messages into a design under test (a Sluice channel of any flavor and
 * capacity, or a Reactor or JDK baseline), a consumer (a blocking thread, or a Flux subscriber
 * through the bridge) takes them at its rate, and each run reports throughput, producer time
 * blocked in {@code send}, depth over time, latency percentiles, heap and lost messages. Every
 * combination of the swept options runs in turn under the same load.
 *
 * <p>Entry point: {@link dev.sluice.samples.experiment.BackpressureExperiment} (command line) or
 * {@link dev.sluice.samples.experiment.ExperimentRun#run} (one run, programmatic). The pieces,
 * one per file:
 * <ul>
 *   <li>what is swept: {@code Sweep} (axes to runs), {@code SweepValues} (comma lists),
 *       {@code ExperimentSettings} (one run), {@code Design} = {@code SluiceDesign}
 *       ({@code ChannelFlavor}, {@code Overflow}, the marked extension point for overflow
 *       policies) | {@code BaselineDesign} ({@code Baseline}), {@code ConsumerSpec}
 *       ({@code ConsumerKind}), {@code LoadShape} ({@code Arrivals}, {@code Stall},
 *       {@code Burst}, {@code Durations});</li>
 *   <li>one run: {@code Pipe} (the design's two ends: {@code SluicePipe}, {@code QueuePipe},
 *       {@code SinkPipe}, {@code CreatePipe}), {@code Producer} with its
 *       {@code ProducerSchedule}, {@code Consumer} = {@code ThreadConsumer} |
 *       {@code FluxConsumer}, {@code Latencies}, {@code RunCounters}, {@code Sampler},
 *       {@code RunClock} (start, end, drain gate), {@code Pacer}, {@code HeapProbe},
 *       {@code Stamp}, {@code DepthSample}, {@link dev.sluice.samples.experiment.ExperimentReport};</li>
 *   <li>output: {@code SweepRunner}, {@code SweepProgress} (progress bar), {@code SummaryTable},
 *       {@code ResultsCsv}, {@code RunLabels}, {@code ChartFiles} (PNG and SVG),
 *       {@link dev.sluice.samples.experiment.BackpressureChart} (per run) and
 *       {@code ComparisonCharts} (across the sweep).</li>
 * </ul>
 * The user's guide is docs/experiments.md.
 */
package dev.sluice.samples.experiment;
