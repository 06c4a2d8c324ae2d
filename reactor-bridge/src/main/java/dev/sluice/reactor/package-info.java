/**
 * Sluice for Project Reactor: adapters between Sluice channels and Reactive Streams, with the
 * subscriber's demand mapped onto the channel's capacity, so that blocking threads and reactive
 * pipelines exchange data with real backpressure and no unbounded buffer.
 *
 * <p>Public: {@link dev.sluice.reactor.ChannelFlux} ({@code from}: Receiver &rarr; Flux,
 * {@code toReceiver}: Publisher &rarr; Receiver, {@code into}: Publisher &rarr; existing Sender),
 * {@link dev.sluice.reactor.ChannelSinks} / {@link dev.sluice.reactor.ChannelSink} (a
 * {@code Sinks.Many} over a channel, with a blocking {@code Sender} for legacy threads) and
 * {@link dev.sluice.reactor.ReactorBlockingGuard} (blocking channel calls fail fast on Reactor's
 * non-blocking threads). Everything else is package-private, one concept per file:
 * {@code FluxReceiver} (Receiver &rarr; Flux), {@code MonoSendInto} with its one sending
 * subscriber (behind both {@code into} and {@code toReceiver}), {@code DrainLoop} (the loop both
 * run), {@code Demand}, {@code MulticastFlux}, and
 * {@link dev.sluice.reactor.SluiceBlockHoundIntegration} (public for the ServiceLoader).
 *
 * <h2>Notes for maintainers</h2>
 * Every adapter is a Reactor work-in-progress ({@code wip}/{@code missed}) drain loop: the
 * channel's one-shot watch callbacks, async-receive completions, {@code request(n)},
 * {@code cancel()} and upstream signals only call {@code drain()}; the thread that wins
 * {@code wip} does the work, others count a missed round. No adapter ever blocks or parks a
 * thread; waiting is a registered watch. Fields follow Reactor's idiom: {@code volatile} with an
 * {@code Atomic*FieldUpdater} in capitals right under it, and {@code Operators.addCap/produced}
 * for demand. Drain-owned fields (read and written only by the thread holding {@code wip}) are
 * plain; {@code wip}'s atomic increments order them between successive owners.
 */
@NullMarked
package dev.sluice.reactor;

import org.jspecify.annotations.NullMarked;
