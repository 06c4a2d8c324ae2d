/**
 * Sluice for {@link java.util.concurrent.Flow}: adapters between Sluice channels and the JDK's
 * Reactive Streams interfaces, with the subscriber's demand mapped onto the channel's capacity,
 * for every non-Reactor stack (Mutiny, RxJava 3, Helidon, Pekko, the JDK's {@code HttpClient}).
 * Depends on {@code sluice-core} only.
 *
 * <p>Public: {@link dev.sluice.flow.FlowChannels} ({@code publisher}: Receiver &rarr;
 * Flow.Publisher, {@code subscriber}: Flow.Subscriber &rarr; Sender, {@code toReceiver}:
 * Flow.Publisher &rarr; blocking Receiver). Everything else is package-private, one concept per
 * file: {@code ReceiverPublisher} and its {@code ReceiverSubscription}, {@code SenderSubscriber}
 * (behind both {@code subscriber} and {@code toReceiver}), {@code DrainLoop} (the serialized loop
 * both run), {@code Demand} (capacity &rarr; demand) and {@code Fatal}.
 *
 * <h2>Notes for maintainers</h2>
 * Every adapter is a work-in-progress ({@code wip}/{@code missed}) drain loop: the channel's
 * one-shot watch callbacks, async-receive completions, {@code request(n)}, {@code cancel()} and
 * upstream signals only call {@code drain()}; the thread that wins {@code wip} does the work,
 * others count a missed round. No adapter ever blocks or parks a thread; waiting is a registered
 * watch. Nothing here logs: failures go to {@code onError} or into the channel's close cause.
 */
package dev.sluice.flow;
