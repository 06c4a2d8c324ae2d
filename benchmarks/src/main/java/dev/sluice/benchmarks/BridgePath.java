package dev.sluice.benchmarks;

import dev.sluice.Channel;
import dev.sluice.Sender;
import dev.sluice.reactor.ChannelFlux;
import dev.sluice.reactor.ChannelSink;
import dev.sluice.reactor.ChannelSinks;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.locks.LockSupport;
import kotlin.Unit;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;
import kotlinx.coroutines.channels.ChannelsKt;
import kotlinx.coroutines.flow.FlowKt;
import kotlinx.coroutines.reactor.ReactorFlowKt;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * BridgePath: the ways a blocking producer thread can feed a {@code Flux}, ours and Reactor's or
 * the JDK's, each able to open a fresh {@link Route}.
 *
 * <table>
 *   <caption>paths</caption>
 *   <tr><th>path</th><th>memory</th><th>what the producer does when the subscriber is slow</th></tr>
 *   <tr><td>{@link #channelFlux}</td><td>bounded, 1024</td><td>{@code Sender.send} parks; the Flux
 *       requests from the channel only on demand</td></tr>
 *   <tr><td>{@link #channelSinks}</td><td>bounded, 1024</td><td>{@code sender().send} parks</td></tr>
 *   <tr><td>{@link #sinksUnicastSpin}</td><td>bounded, 1024</td><td>{@code tryEmitNext} returns
 *       {@code FAIL_OVERFLOW}; the producer retries in a spin-then-park loop</td></tr>
 *   <tr><td>{@link #submissionPublisher}</td><td>bounded, 1024</td><td>{@code submit} blocks
 *       (managed block)</td></tr>
 *   <tr><td>{@link #generateArrayBlockingQueue}</td><td>bounded, 1024</td><td>{@code put} blocks;
 *       {@code Flux.generate} takes on {@code boundedElastic}</td></tr>
 *   <tr><td>{@link #kotlinChannelAsFlux}</td><td>bounded, 1024</td><td>{@code trySendBlocking}
 *       suspends in a {@code runBlocking} event loop</td></tr>
 *   <tr><td>{@link #sinksUnicastUnbounded}</td><td>unbounded</td><td>nothing: the sink's queue
 *       grows</td></tr>
 *   <tr><td>{@link #fluxCreateBuffer}</td><td>unbounded</td><td>nothing: the BUFFER strategy's
 *       queue grows</td></tr>
 *   <tr><td>{@link #fluxRangeCeiling}</td><td>bounded (the prefetch)</td><td>no producer thread:
 *       Reactor's ceiling, not a peer</td></tr>
 * </table>
 *
 * <p>Lower-case constant names, because they are the JMH {@code @Param} values and the table rows.
 */
enum BridgePath {
    /** Ours: {@code Channel.bounded(1024)}, {@code tx.send} into {@code ChannelFlux.from(rx)}. */
    channelFlux(true, "Sluice `ChannelFlux.from(rx)`, `tx.send` on `bounded(1024)`") {
        @Override
        Route open(BridgeRig rig, int messages) {
            Channel<Integer> channel = Channel.bounded(BridgeRig.CAPACITY);
            Sender<Integer> tx = channel.sender();
            Flux<Integer> flux = ChannelFlux.from(channel.receiver());
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                public void produce(Integer[] messages, Progress progress) throws InterruptedException {
                    try (tx) {
                        for (int i = 0; i < messages.length; i++) {
                            tx.send(messages[i]);
                            if (progress != null) {
                                progress.produced(i + 1);
                            }
                        }
                    }                                 // closing the last sender completes the Flux
                }
            };
        }
    },

    /** Ours: {@code ChannelSinks.many(1024)}, a legacy thread on {@code newSender().send}. */
    channelSinks(true, "Sluice `ChannelSinks.many(1024)`, `newSender().send`") {
        @Override
        Route open(BridgeRig rig, int messages) {
            ChannelSink<Integer> sinks = ChannelSinks.many(BridgeRig.CAPACITY);
            Sender<Integer> tx = sinks.newSender();
            Flux<Integer> flux = sinks.asFlux();
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                public void produce(Integer[] messages, Progress progress) throws InterruptedException {
                    try (tx) {
                        for (int i = 0; i < messages.length; i++) {
                            tx.send(messages[i]);
                            if (progress != null) {
                                progress.produced(i + 1);
                            }
                        }
                    }
                    expectOk(sinks.tryEmitComplete());
                }
            };
        }
    },

    /**
     * Reactor's bounded sink as users hand-roll it: a unicast sink over an
     * {@code ArrayBlockingQueue(1024)}, retrying {@code tryEmitNext} on {@code FAIL_OVERFLOW}.
     * The retry loop spins with {@link Thread#onSpinWait()} for a while, then parks 1 µs at a
     * time (the Spring Integration pattern), so it neither burns a core nor sleeps through a
     * drained buffer.
     */
    sinksUnicastSpin(true, "`Sinks.many().unicast().onBackpressureBuffer(ArrayBlockingQueue(1024))`, `tryEmitNext` retry loop") {
        @Override
        Route open(BridgeRig rig, int messages) {
            Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(BridgeRig.CAPACITY));
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return sink.asFlux();
                }

                @Override
                public void produce(Integer[] messages, Progress progress) {
                    for (int i = 0; i < messages.length; i++) {
                        Sinks.EmitResult result;
                        int retries = 0;
                        while ((result = sink.tryEmitNext(messages[i])) == Sinks.EmitResult.FAIL_OVERFLOW) {
                            if (++retries < SPINS_BEFORE_PARKING) {
                                Thread.onSpinWait();
                            } else {
                                LockSupport.parkNanos(1_000);
                            }
                        }
                        expectOk(result);
                        if (progress != null) {
                            progress.produced(i + 1);
                        }
                    }
                    expectOk(sink.tryEmitComplete());
                }
            };
        }
    },

    /** The JDK's bounded publisher, {@code SubmissionPublisher(executor, 1024)}, adapted by Reactor. */
    submissionPublisher(true, "JDK `SubmissionPublisher(executor, 1024)` via `JdkFlowAdapter.flowPublisherToFlux`") {
        @Override
        Route open(BridgeRig rig, int messages) {
            SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(rig.flowExecutor(), BridgeRig.CAPACITY);
            Flux<Integer> flux = JdkFlowAdapter.flowPublisherToFlux(publisher);
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                public void produce(Integer[] messages, Progress progress) {
                    try (publisher) {
                        for (int i = 0; i < messages.length; i++) {
                            publisher.submit(messages[i]);          // blocks while the buffer is full
                            if (progress != null) {
                                progress.produced(i + 1);
                            }
                        }
                    }                                                // close() completes
                }
            };
        }
    },

    /** {@code Flux.generate} taking from an {@code ArrayBlockingQueue(1024)} on boundedElastic. */
    generateArrayBlockingQueue(true, "`Flux.generate` over `ArrayBlockingQueue(1024).take()` on `boundedElastic`") {
        @Override
        Route open(BridgeRig rig, int messages) {
            ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(BridgeRig.CAPACITY);
            Flux<Integer> flux = Flux.<Integer>generate(sink -> {
                try {
                    Object next = queue.take();
                    if (next == END) {
                        sink.complete();
                    } else {
                        sink.next((Integer) next);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    sink.error(e);
                }
            }).subscribeOn(Schedulers.boundedElastic());
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                public void produce(Integer[] messages, Progress progress) throws InterruptedException {
                    for (int i = 0; i < messages.length; i++) {
                        queue.put(messages[i]);
                        if (progress != null) {
                            progress.produced(i + 1);
                        }
                    }
                    queue.put(END);
                }
            };
        }
    },

    /**
     * kotlinx-coroutines' bridge as a Kotlin service would write it from a blocking thread: a
     * {@code Channel(1024)} fed by {@code trySendBlocking} (which runs a small event loop to
     * suspend while the channel is full), read as {@code consumeAsFlow().asFlux()}.
     */
    kotlinChannelAsFlux(true, "kotlinx-coroutines `Channel(1024)`, `trySendBlocking` → `consumeAsFlow().asFlux()`") {
        @Override
        Route open(BridgeRig rig, int messages) {
            kotlinx.coroutines.channels.Channel<Integer> channel = ChannelKt.Channel(BridgeRig.CAPACITY,
                    BufferOverflow.SUSPEND, null);
            Flux<Integer> flux = ReactorFlowKt.asFlux(FlowKt.consumeAsFlow(channel));
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                public void produce(Integer[] messages, Progress progress) {
                    for (int i = 0; i < messages.length; i++) {
                        // A ChannelResult, boxed for Java: kotlin.Unit on success, a Failed
                        // (or Closed) marker otherwise.
                        Object result = ChannelsKt.trySendBlocking(channel, messages[i]);
                        if (result != Unit.INSTANCE) {
                            throw new IllegalStateException("trySendBlocking failed: " + result);
                        }
                        if (progress != null) {
                            progress.produced(i + 1);
                        }
                    }
                    channel.close(null);                            // completes the Flux
                }
            };
        }
    },

    /** Reactor's default unicast sink: an unbounded queue, {@code tryEmitNext} never fails. */
    sinksUnicastUnbounded(false, "`Sinks.many().unicast().onBackpressureBuffer()`, `tryEmitNext` (unbounded)") {
        @Override
        Route open(BridgeRig rig, int messages) {
            Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return sink.asFlux();
                }

                @Override
                public void produce(Integer[] messages, Progress progress) {
                    for (int i = 0; i < messages.length; i++) {
                        expectOk(sink.tryEmitNext(messages[i]));
                        if (progress != null) {
                            progress.produced(i + 1);
                        }
                    }
                    expectOk(sink.tryEmitComplete());
                }
            };
        }
    },

    /** {@code Flux.create(sink, BUFFER)}: {@code sink.next} never blocks, the buffer grows. */
    fluxCreateBuffer(false, "`Flux.create(sink, BUFFER)`, `sink.next` (unbounded)") {
        @Override
        Route open(BridgeRig rig, int messages) {
            FluxSink<?>[] created = new FluxSink<?>[1];
            Flux<Integer> flux = Flux.create(sink -> created[0] = sink, FluxSink.OverflowStrategy.BUFFER);
            return new Route() {
                @Override
                public Flux<Integer> flux() {
                    return flux;
                }

                @Override
                @SuppressWarnings("unchecked")
                public void produce(Integer[] messages, Progress progress) {
                    // created[0] was set by the subscription, which happened before this task was
                    // submitted to the producer thread (the executor hand-off orders it).
                    FluxSink<Integer> sink = (FluxSink<Integer>) created[0];
                    for (int i = 0; i < messages.length; i++) {
                        sink.next(messages[i]);
                        if (progress != null) {
                            progress.produced(i + 1);
                        }
                    }
                    sink.complete();
                }
            };
        }
    },

    /**
     * Reactor's own ceiling for a hand-off into {@code publishOn}: {@code Flux.range(0, n)}, which
     * {@code publishOn} fuses synchronously and drains on its own worker, so no producer thread
     * and no queue between threads is involved. No bridge from a blocking thread can beat it; the
     * goal is {@link #channelFlux} at half of it or more. The producer step does nothing; each
     * item counts as produced when the range emits it.
     */
    fluxRangeCeiling(true, "Reactor's ceiling: `Flux.range(0, n)` → `publishOn(single)`, no producer thread") {
        @Override
        Route open(BridgeRig rig, int messages) {
            return new Route() {
                private Progress watched;

                @Override
                public Flux<Integer> flux() {
                    return Flux.range(0, messages).doOnNext(i -> {
                        if (watched != null) {
                            watched.produced(i + 1L);
                        }
                    });
                }

                @Override
                public void produce(Integer[] ignored, Progress progress) {
                    // Nothing to hand over: the range emits on the subscriber's worker.
                }

                @Override
                public void watch(Progress progress) {
                    this.watched = progress;
                }
            };
        }
    };

    /** Failed {@code tryEmitNext} attempts spent spinning before the retry loop starts parking. */
    static final int SPINS_BEFORE_PARKING = 100;

    private static final Object END = new Object();

    private final boolean bounded;
    private final String description;

    BridgePath(boolean bounded, String description) {
        this.bounded = bounded;
        this.description = description;
    }

    /** A fresh, unsubscribed route for {@code messages} items. */
    abstract Route open(BridgeRig rig, int messages);

    /** {@code true} if the path holds at most {@link BridgeRig#CAPACITY} items by construction. */
    boolean bounded() {
        return bounded;
    }

    /** A ceiling (no producer thread), not a baseline a bridge is compared with. */
    boolean ceiling() {
        return this == fluxRangeCeiling;
    }

    /** Ours (Sluice) rather than a baseline. */
    boolean isSluice() {
        return this == channelFlux || this == channelSinks;
    }

    /** What the path is, in Markdown. */
    String description() {
        return description;
    }

    private static void expectOk(Sinks.EmitResult result) {
        if (result != Sinks.EmitResult.OK) {
            throw new IllegalStateException("emit failed: " + result);
        }
    }
}
