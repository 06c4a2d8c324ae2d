package dev.sluice.benchmarks;

import reactor.core.publisher.Flux;

/**
 * Route: one single-use way from a blocking producer thread into a {@code Flux}, built by a
 * {@link BridgePath}.
 *
 * <p>{@link #flux()} is subscribed first, then {@link #produce} runs on the producer thread: it
 * hands over every message the way this route does it (blocking, spinning or buffering without
 * limit) and then completes the stream.
 */
interface Route {

    /** The stream the subscriber sees; subscribe to it once, before {@link #produce}. */
    Flux<Integer> flux();

    /**
     * Emits {@code messages} in order and completes; reports each hand-over to {@code progress}
     * unless it is {@code null}.
     */
    void produce(Integer[] messages, Progress progress) throws InterruptedException;

    /**
     * Gives the route the progress counter before it is subscribed, for a route whose items are
     * produced by the stream itself rather than by {@link #produce}; others ignore it.
     */
    default void watch(Progress progress) {
    }
}
