package dev.sluice.samples.web;

import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LegacyProducer: a plain blocking thread standing for legacy code (a sensor reader, a JDBC
 * poller) that knows nothing of Reactor: it reads, then sends into a bounded channel, and waits
 * in {@code send} while the channel is full.
 *
 * <p>The loop is what such code looks like once it is given a {@link Sender}: read (a sleep
 * simulates the blocking I/O), {@link Sender#trySend} first, and only when the channel is full
 * mark itself {@link State#BLOCKED} and wait in {@link Sender#send}. That wait is the
 * backpressure: the subscriber's demand, through the bridge, is what makes room. When the
 * subscriber goes away the bridge closes the receiver; {@code send} then throws
 * {@link SendDisconnectedException} (at once, or by waking the waiting thread), and the thread
 * ends. No interrupt and no stop flag are needed: disconnection is the stop signal, as in Rust.
 *
 * <p>Thread safety: {@link #state()} and {@link #sent()} are written by the producer thread only
 * and read by any thread (the status snapshots); both are volatile reads.
 */
final class LegacyProducer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LegacyProducer.class);

    /** What the producer thread is doing now. */
    enum State {
        /** Reading, or sending into a channel that had room. */
        RUNNING,
        /** Waiting in {@code send} for room in the full channel: backpressure at work. */
        BLOCKED,
        /** Ended: the subscriber disconnected (or the thread was interrupted). */
        STOPPED
    }

    private final int id;
    private final Sender<Reading> sender;
    private final long readIntervalMs;
    private final Runnable onStopped;

    private volatile State state = State.RUNNING;
    private final AtomicLong sent = new AtomicLong();   // messages that are in the channel (or past it)
    private double value = 20.0;                        // producer thread only

    /**
     * @param sender    this producer's own sender handle; the producer closes it when it ends
     * @param onStopped runs on the producer thread as its last action
     */
    LegacyProducer(int id, Sender<Reading> sender, long readIntervalMs, Runnable onStopped) {
        this.id = id;
        this.sender = sender;
        this.readIntervalMs = readIntervalMs;
        this.onStopped = onStopped;
    }

    @Override
    public void run() {
        try (sender) {
            for (long number = 1; ; number++) {
                Reading reading = read(number);
                if (!sender.trySend(reading).isOk()) {   // full (or disconnected: send throws below)
                    state = State.BLOCKED;
                    sender.send(reading);                // waits for the subscriber to make room
                    state = State.RUNNING;
                }
                sent.incrementAndGet();
            }
        } catch (SendDisconnectedException e) {
            log.debug("producer {} stops: the subscriber disconnected", id);
        } catch (InterruptedException e) {
            log.debug("producer {} stops: interrupted", id);
        } catch (RuntimeException | Error e) {
            log.warn("producer {} failed", id, e);
            throw e;
        } finally {
            state = State.STOPPED;
            onStopped.run();
        }
    }

    /** Simulates a slow blocking read: sleeps 0.5 to 1.5 read intervals, then measures. */
    private Reading read(long number) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Thread.sleep(readIntervalMs / 2 + random.nextLong(readIntervalMs + 1));
        value = Math.max(0, value + random.nextGaussian() * 0.5);
        return new Reading(id, number, Math.round(value * 100) / 100.0, System.currentTimeMillis());
    }

    int id() {
        return id;
    }

    State state() {
        return state;
    }

    /** Messages sent so far: every one of them is in the channel or was received from it. */
    long sent() {
        return sent.get();
    }
}
