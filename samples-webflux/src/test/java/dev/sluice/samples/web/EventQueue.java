package dev.sluice.samples.web;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: subscribes to an SSE stream and hands its events to the test thread one at a time,
 * with a timeout on every wait. The test thread alone decides when the stream is cancelled
 * ({@link #close()}), so checks made between two {@link #next} calls run while the stream is
 * certainly open: nothing runs on the client's event loop but the enqueueing.
 */
final class EventQueue implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
    private final Disposable subscription;
    private final Duration timeout;

    EventQueue(Flux<ServerSentEvent<String>> stream, Duration timeout) {
        this.timeout = timeout;
        this.subscription = stream.subscribe(events::add);
    }

    /** The next event, whatever its type. */
    ServerSentEvent<String> next() throws InterruptedException {
        ServerSentEvent<String> next = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return next;
    }

    /** The next event of type {@code event} ({@code reading} or {@code status}), skipping others. */
    ServerSentEvent<String> next(String event) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServerSentEvent<String> next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no '" + event + "' event within " + timeout);
            }
            if (event.equals(next.event())) {
                return next;
            }
        }
    }

    ReadingEvent nextReading() throws InterruptedException {
        return JSON.readValue(next("reading").data(), ReadingEvent.class);
    }

    StreamStatus nextStatus() throws InterruptedException {
        return JSON.readValue(next("status").data(), StreamStatus.class);
    }

    /** Cancels the subscription: the client closes the connection. */
    @Override
    public void close() {
        subscription.dispose();
    }
}
