/**
 * JMH benchmarks for Sluice: the channels against the JDK's blocking queues (crossbeam-channel's
 * suite shape), and the Reactor bridge against Reactor's own ways of feeding a {@code Flux} from a
 * blocking thread.
 *
 * <p>Tiers and entry points:
 * <ul>
 *   <li>{@link dev.sluice.benchmarks.Rendezvous}, {@link dev.sluice.benchmarks.Bounded1},
 *       {@link dev.sluice.benchmarks.Bounded1024}, {@link dev.sluice.benchmarks.Unbounded}: one
 *       class per capacity, methods {@code seq}, {@code spsc}, {@code mpsc}, {@code mpmc} as in
 *       crossbeam-channel's {@code benches/crossbeam.rs}, {@code @Param impl} choosing Sluice or
 *       a JDK queue of the same capacity ({@code -p impl=jox} too, on a JDK 21+ jar and JVM). Every invocation moves
 *       {@value dev.sluice.benchmarks.ChannelShapes#MESSAGES} messages, so the score is
 *       messages per second.</li>
 *   <li>{@code BridgeBenchmark}: a blocking producer thread feeding a {@code Flux} subscriber on
 *       another thread, for every path; {@code InFlightProbe}: peak items in flight behind a
 *       slow subscriber (not JMH).</li>
 *   <li>{@link dev.sluice.benchmarks.QuickRun}: a few-minute run of everything that prints
 *       Markdown tables with ratios.</li>
 *   <li>{@link dev.sluice.benchmarks.WholeRun}: the whole-run harness in crossbeam's shape (channel
 *       creation and thread start timed, 5 M messages), Sluice, the JDK queues, Jox and Rust std
 *       ({@code benchmarks/rust}) in the same run, one child JVM ({@code WholeRunChild}) per queue
 *       and round; prints one ratio table per JDK with CPU time per message. Its {@code cells} mode
 *       runs the bounded cells on one CPU ({@code taskset -c 0}) and oversubscribed (8 + 8
 *       threads) and judges Sluice against {@code ArrayBlockingQueue}; every mode also runs the
 *       stronger anchors (the LMAX Disruptor, JCTools; {@link dev.sluice.benchmarks.Anchors1024}
 *       and {@link dev.sluice.benchmarks.Anchors1024Mpsc} are their JMH cells).</li>
 *   <li>{@link dev.sluice.benchmarks.LatencyRun}: ping-pong and one-way hand-off latency
 *       percentiles (HdrHistogram) against the JDK's hand-offs, Jox and Rust std, on platform and
 *       virtual threads.</li>
 * </ul>
 *
 * <p>Run benchmarks only from the shaded jar ({@code java -jar benchmarks/target/benchmarks.jar}),
 * always with forks: every cell needs its own JVM (see {@link dev.sluice.benchmarks.ChannelShapes}
 * for why). Nothing here runs during the Maven build except a short harness self-test.
 */
package dev.sluice.benchmarks;
