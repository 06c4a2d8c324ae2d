package dev.sluice.spring.autoconfigure;

import dev.sluice.micrometer.SluiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Meters for every managed channel ({@link SluiceChannelMeters}) when sluice-micrometer and a
 * {@link MeterRegistry} bean are present. Runs after Spring Boot's meter registry
 * auto-configuration, named for both lines (Boot 4 moved it to its own module and package).
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, SluiceMetrics.class})
@ConditionalOnBean({MeterRegistry.class, SluiceChannels.class})
@ConditionalOnProperty(prefix = "sluice.metrics", name = "enabled", matchIfMissing = true)
public class SluiceMetricsAutoConfiguration {

    /** Creates the configuration (Spring does). */
    public SluiceMetricsAutoConfiguration() {
    }

    /** Binds each managed channel's meters, and removes them when it stops being managed. */
    @Bean
    @ConditionalOnMissingBean
    public SluiceChannelMeters sluiceChannelMeters(SluiceChannels channels, MeterRegistry registry) {
        return new SluiceChannelMeters(channels, registry);
    }
}
