package dev.sluice.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sluice} health contributor (bean {@code sluiceHealthIndicator}), on whichever health
 * API the application has: Spring Boot 4's ({@link SluiceHealthIndicator}) or Spring Boot 3's
 * ({@link Boot3HealthIndicator}). Off with {@code management.health.sluice.enabled=false}.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnBean(SluiceChannels.class)
@ConditionalOnProperty(prefix = "management.health.sluice", name = "enabled", matchIfMissing = true)
public class SluiceHealthAutoConfiguration {
    static final String BOOT4_HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

    /** Creates the configuration (Spring does). */
    public SluiceHealthAutoConfiguration() {
    }

    /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BOOT4_HEALTH_INDICATOR)
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean
        ChannelHealth sluiceChannelHealth(SluiceChannels channels, SluiceProperties properties) {
            return new ChannelHealth(channels, properties.getHealth().getStallTimeout());
        }

        @Bean
        @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
        SluiceHealthIndicator sluiceHealthIndicator(ChannelHealth channelHealth) {
            return new SluiceHealthIndicator(channelHealth);
        }
    }

    /** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = Boot3HealthIndicator.HEALTH_INDICATOR)
    @ConditionalOnMissingClass(BOOT4_HEALTH_INDICATOR)
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean
        ChannelHealth sluiceChannelHealth(SluiceChannels channels, SluiceProperties properties) {
            return new ChannelHealth(channels, properties.getHealth().getStallTimeout());
        }

        @Bean
        @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
        Boot3HealthIndicator sluiceHealthIndicator(ChannelHealth channelHealth) {
            return new Boot3HealthIndicator(channelHealth);
        }
    }
}
