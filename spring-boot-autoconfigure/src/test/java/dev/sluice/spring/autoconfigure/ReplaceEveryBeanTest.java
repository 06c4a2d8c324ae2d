package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;

/** {@code @ConditionalOnMissingBean} everywhere: an application's own bean replaces each one. */
class ReplaceEveryBeanTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class,
                    SluiceMetricsAutoConfiguration.class, SluiceHealthAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    private static final SluiceChannels OTHER_CHANNELS = new SluiceChannels();

    static Stream<Arguments> beans() {
        return Stream.of(
                replace(SluiceChannels.class, c -> new SluiceChannels()),
                replace(ChannelBeansRegistrar.class, c -> new ChannelBeansRegistrar(c, OTHER_CHANNELS)),
                replace(SluiceChannelsLifecycle.class, c -> new SluiceChannelsLifecycle(OTHER_CHANNELS)),
                replace(SluiceChannelMeters.class, c -> new SluiceChannelMeters(OTHER_CHANNELS, new SimpleMeterRegistry())),
                replace(ChannelHealth.class, c -> new ChannelHealth(OTHER_CHANNELS, Duration.ZERO)),
                replace(SluiceBlockingGuard.class, c -> new SluiceBlockingGuard(false)));
    }

    private static <T> Arguments replace(Class<T> type, Function<GenericApplicationContext, T> own) {
        return Arguments.of(type, own);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beans")
    @DisplayName("an application bean of the type replaces the auto-configured one")
    <T> void own_bean_replaces_the_auto_configured_one(Class<T> type, Function<GenericApplicationContext, T> own) {
        runner.withInitializer(context -> ((GenericApplicationContext) context).registerBean("mine", type,
                        () -> own.apply((GenericApplicationContext) context)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(type)).containsOnlyKeys("mine");
                });
    }

    @Test
    @DisplayName("an application bean named sluiceHealthIndicator replaces the health contributor")
    void own_health_indicator_replaces_ours() {
        runner.withBean("sluiceHealthIndicator", String.class, () -> "mine")
                .run(context -> assertThat(context.getBean("sluiceHealthIndicator")).isEqualTo("mine"));
    }

    @Test
    @DisplayName("management.health.sluice.enabled=false: no sluice health contributor")
    void health_contributor_can_be_turned_off() {
        runner.withPropertyValues("management.health.sluice.enabled=false")
                .run(context -> assertThat(context.containsBean("sluiceHealthIndicator")).isFalse());
    }

    @Test
    @DisplayName("sluice.shutdown.close-channels=false: channels stay open at shutdown")
    void shutdown_close_can_be_turned_off() {
        runner.withPropertyValues("sluice.shutdown.close-channels=false")
                .run(context -> assertThat(context).doesNotHaveBean(SluiceChannelsLifecycle.class));
    }
}
