package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code sluice.*} properties: bound, and described in the generated metadata. */
class ConfigurationPropertiesTest {

    @Test
    @DisplayName("the configuration processor's metadata describes every sluice.* property (and management.health.sluice.enabled)")
    void generated_metadata_lists_the_properties() throws Exception {
        String metadata;
        try (InputStream in = SluiceProperties.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(metadata).contains(
                "\"name\": \"sluice.health.stall-timeout\"",
                "\"name\": \"sluice.blocking-guard.enabled\"",
                "\"name\": \"sluice.metrics.enabled\"",
                "\"name\": \"sluice.shutdown.close-channels\"",
                "\"name\": \"management.health.sluice.enabled\"",
                "\"sourceType\": \"dev.sluice.spring.autoconfigure.SluiceProperties$Health\"",
                "\"defaultValue\": \"30s\"");
    }

    @Test
    @DisplayName("sluice.* settings bind: stall timeout, switches; defaults when unset")
    void properties_bind() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class));
        runner.run(context -> {
            SluiceProperties defaults = context.getBean(SluiceProperties.class);
            assertThat(defaults.getHealth().getStallTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(defaults.getMetrics().isEnabled()).isTrue();
            assertThat(defaults.getShutdown().isCloseChannels()).isTrue();
            assertThat(defaults.getBlockingGuard().isEnabled()).isTrue();
        });
        runner.withPropertyValues("sluice.health.stall-timeout=5s", "sluice.metrics.enabled=false",
                "sluice.shutdown.close-channels=false", "sluice.blocking-guard.enabled=false").run(context -> {
            SluiceProperties set = context.getBean(SluiceProperties.class);
            assertThat(set.getHealth().getStallTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(set.getMetrics().isEnabled()).isFalse();
            assertThat(set.getShutdown().isCloseChannels()).isFalse();
            assertThat(set.getBlockingGuard().isEnabled()).isFalse();
        });
    }

    @Test
    @DisplayName("a negative sluice.health.stall-timeout fails the start with the property's name")
    void negative_stall_timeout_is_refused() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class))
                .withPropertyValues("sluice.health.stall-timeout=-1s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("sluice.health.stall-timeout must not be negative"));
    }
}
