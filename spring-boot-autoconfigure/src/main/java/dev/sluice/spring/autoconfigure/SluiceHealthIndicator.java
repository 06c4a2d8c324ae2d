package dev.sluice.spring.autoconfigure;

import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code sluice} health contributor on Spring Boot 4: UP while no managed channel is
 * stalled, DOWN otherwise, with each channel's state and figures as details
 * ({@link ChannelHealth}). On Spring Boot 3 the same report is served by
 * {@link Boot3HealthIndicator}.
 */
public class SluiceHealthIndicator implements HealthIndicator {
    private final ChannelHealth channelHealth;

    /** Reports what {@code channelHealth} checks. */
    public SluiceHealthIndicator(ChannelHealth channelHealth) {
        this.channelHealth = Objects.requireNonNull(channelHealth, "channelHealth");
    }

    @Override
    public Health health() {
        ChannelHealth.Report report = channelHealth.check();
        return (report.healthy() ? Health.up() : Health.down()).withDetails(report.details()).build();
    }
}
