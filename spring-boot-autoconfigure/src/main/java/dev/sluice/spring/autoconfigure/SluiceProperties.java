package dev.sluice.spring.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sluice.*} settings of the auto-configuration. The configuration processor turns the
 * field comments into {@code META-INF/spring-configuration-metadata.json} (IDE completion).
 *
 * <p>The health contributor follows Spring Boot's own switch,
 * {@code management.health.sluice.enabled}.
 */
@ConfigurationProperties("sluice")
public class SluiceProperties {
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();
    private final Shutdown shutdown = new Shutdown();
    private final BlockingGuard blockingGuard = new BlockingGuard();

    /** Creates the defaults. */
    public SluiceProperties() {
    }

    /** The {@code sluice.metrics.*} settings. */
    public Metrics getMetrics() {
        return metrics;
    }

    /** The {@code sluice.health.*} settings. */
    public Health getHealth() {
        return health;
    }

    /** The {@code sluice.shutdown.*} settings. */
    public Shutdown getShutdown() {
        return shutdown;
    }

    /** The {@code sluice.blocking-guard.*} settings. */
    public BlockingGuard getBlockingGuard() {
        return blockingGuard;
    }

    /** {@code sluice.metrics.*}. */
    public static class Metrics {
        /**
         * Whether every managed channel (each Channel bean and each channel of SluiceChannels)
         * gets the sluice.channel.* meters on the application's MeterRegistry, tagged name=the
         * bean or channel name.
         */
        private boolean enabled = true;

        /** Creates the defaults. */
        public Metrics() {
        }

        /** {@code sluice.metrics.enabled}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets {@code sluice.metrics.enabled}. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@code sluice.health.*}. */
    public static class Health {
        /**
         * How long a managed channel may stay full with no message received before the sluice
         * health contributor reports it (and itself) DOWN: a stalled consumer.
         */
        private Duration stallTimeout = Duration.ofSeconds(30);

        /** Creates the defaults. */
        public Health() {
        }

        /** {@code sluice.health.stall-timeout}. */
        public Duration getStallTimeout() {
            return stallTimeout;
        }

        /** Sets {@code sluice.health.stall-timeout}; not negative. */
        public void setStallTimeout(Duration stallTimeout) {
            Objects.requireNonNull(stallTimeout, "sluice.health.stall-timeout");
            if (stallTimeout.isNegative()) {
                throw new IllegalArgumentException("sluice.health.stall-timeout must not be negative, was " + stallTimeout);
            }
            this.stallTimeout = stallTimeout;
        }
    }

    /** {@code sluice.shutdown.*}. */
    public static class Shutdown {
        /**
         * Whether the managed channels are closed for sending when the application context
         * stops, before the web server's graceful shutdown waits for requests: streams fed by
         * them complete after their buffered messages and blocked senders fail at once.
         */
        private boolean closeChannels = true;

        /** Creates the defaults. */
        public Shutdown() {
        }

        /** {@code sluice.shutdown.close-channels}. */
        public boolean isCloseChannels() {
            return closeChannels;
        }

        /** Sets {@code sluice.shutdown.close-channels}. */
        public void setCloseChannels(boolean closeChannels) {
            this.closeChannels = closeChannels;
        }
    }

    /** {@code sluice.blocking-guard.*}. */
    public static class BlockingGuard {
        /**
         * Whether blocking channel calls (send, recv and their timed forms) fail fast on
         * Reactor's non-blocking threads (event loops, parallel and single schedulers) instead of
         * stalling them. When false, no guard is installed, not even by the Reactor bridge.
         */
        private boolean enabled = true;

        /** Creates the defaults. */
        public BlockingGuard() {
        }

        /** {@code sluice.blocking-guard.enabled}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets {@code sluice.blocking-guard.enabled}. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
