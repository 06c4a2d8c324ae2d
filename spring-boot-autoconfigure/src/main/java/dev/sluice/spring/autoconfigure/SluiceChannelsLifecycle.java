package dev.sluice.spring.autoconfigure;

import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the managed channels when the application context stops, before the web server's
 * graceful shutdown starts waiting for the open requests.
 *
 * <p>Why: a Server-Sent-Events response fed by a channel never ends by itself, and a producer
 * blocked in {@code send} on a full channel never wakes, so a graceful shutdown would wait for
 * its whole timeout ({@code spring.lifecycle.timeout-per-shutdown-phase}). Closing the channels
 * for sending ({@link SluiceChannels#closeAll()}) lets each stream deliver its buffered messages
 * and complete, and makes blocked and later sends fail at once with
 * {@link dev.sluice.SendDisconnectedException}; the server then finds no open request.
 *
 * <p>Ordering: contexts stop lifecycle beans from the highest phase down. Spring Boot's
 * {@code WebServerGracefulShutdownLifecycle} runs in phase {@code SmartLifecycle.DEFAULT_PHASE -
 * 1024} (Spring Boot 3.5 and 4.0) and the web server itself stops in {@code DEFAULT_PHASE - 2048};
 * {@link #PHASE} is above both, so the channels close first.
 */
public class SluiceChannelsLifecycle implements SmartLifecycle {
    /** The phase: {@code DEFAULT_PHASE - 512}, stopped before the web server's graceful shutdown. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final SluiceChannels channels;
    private volatile boolean running;

    /** Closes the channels of {@code channels} when the context stops. */
    public SluiceChannelsLifecycle(SluiceChannels channels) {
        this.channels = Objects.requireNonNull(channels, "channels");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        channels.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
