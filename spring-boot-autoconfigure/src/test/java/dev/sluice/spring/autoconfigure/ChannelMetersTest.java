package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Channel;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters without wiring: Channel beans and SluiceChannels' channels on the MeterRegistry. */
class ChannelMetersTest {
    /** Outside the contexts, so that what a context leaves behind on it can be seen. */
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class,
                        SluiceMetricsAutoConfiguration.class, SluiceHealthAutoConfiguration.class))
                .withBean(MeterRegistry.class, () -> registry, definition -> definition.setDestroyMethodName(""))
                .withUserConfiguration(ChannelBeans.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class ChannelBeans {
        @Bean
        Channel<String> orders() {
            return Channel.bounded(8);
        }

        @Bean
        Channel<String> audit() {
            return Channel.unbounded();
        }
    }

    @Test
    @DisplayName("every Channel bean gets the sluice.channel.* meters, tagged name = its bean name")
    void channel_beans_get_meters_tagged_with_their_bean_name() {
        runner().run(context -> {
            @SuppressWarnings("unchecked")
            Channel<String> orders = context.getBean("orders", Channel.class);
            orders.sender().send("a");
            orders.sender().send("b");
            orders.receiver().recv();

            assertThat(registry.get("sluice.channel.buffered").tag("name", "orders").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("sluice.channel.capacity").tag("name", "orders").gauge().value()).isEqualTo(8.0);
            assertThat(registry.get("sluice.channel.sent").tag("name", "orders").functionCounter().count()).isEqualTo(2.0);
            assertThat(registry.get("sluice.channel.received").tag("name", "orders").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("sluice.channel.buffered").tag("name", "audit").tag("flavor", "unbounded").gauge()).isNotNull();
            assertThat(names(registry)).contains("sluice.channel.buffered", "sluice.channel.senders.waiting",
                    "sluice.channel.receivers.waiting", "sluice.channel.dropped", "sluice.channel.send.blocked");
        });
    }

    @Test
    @DisplayName("a channel created through SluiceChannels gets meters, and loses them when removed")
    void channels_created_at_run_time_get_meters_until_removed() {
        runner().run(context -> {
            SluiceChannels channels = context.getBean(SluiceChannels.class);
            Channel<Integer> stream = channels.bounded("stream-7", 4);
            stream.sender().send(1);
            assertThat(registry.get("sluice.channel.buffered").tag("name", "stream-7").gauge().value()).isEqualTo(1.0);
            channels.unbounded("u");
            channels.rendezvous("r");
            assertThat(registry.find("sluice.channel.sent").tag("name", "u").functionCounter()).isNotNull();
            assertThat(registry.find("sluice.channel.sent").tag("name", "r").functionCounter()).isNotNull();

            assertThat(channels.remove("stream-7")).containsSame(stream);
            assertThat(metersNamed(registry, "stream-7")).isEmpty();
            assertThat(metersNamed(registry, "orders")).isNotEmpty();
            assertThat(channels.remove("stream-7")).isEmpty();
        });
    }

    @Test
    @DisplayName("every sluice.channel.* meter is removed when the context closes")
    void meters_are_removed_when_the_context_closes() {
        runner().run(context -> {
            context.getBean(SluiceChannels.class).bounded("late", 2);
            assertThat(metersNamed(registry, "orders")).isNotEmpty();
            assertThat(metersNamed(registry, "late")).isNotEmpty();
        });
        assertThat(registry.getMeters()).filteredOn(m -> m.getId().getName().startsWith("sluice.channel.")).isEmpty();
    }

    @Test
    @DisplayName("a second channel under a managed name is refused with a clear error")
    void a_taken_name_is_refused() {
        runner().run(context -> {
            SluiceChannels channels = context.getBean(SluiceChannels.class);
            assertThatThrownBy(() -> channels.bounded("orders", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a channel named 'orders' is already managed");
            assertThatThrownBy(() -> channels.unbounded(" ")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    @DisplayName("sluice.metrics.enabled=false: no meters, channels still managed")
    void metrics_can_be_turned_off() {
        runner().withPropertyValues("sluice.metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(SluiceChannelMeters.class);
            assertThat(context.getBean(SluiceChannels.class).channels()).containsKeys("orders", "audit");
            assertThat(metersNamed(registry, "orders")).isEmpty();
        });
    }

    @Test
    @DisplayName("without a MeterRegistry the rest of the auto-configuration still works")
    void works_without_a_meter_registry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class,
                        SluiceMetricsAutoConfiguration.class, SluiceHealthAutoConfiguration.class))
                .withUserConfiguration(ChannelBeans.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SluiceChannelMeters.class);
                    assertThat(context.getBean(SluiceChannels.class).channels()).containsKeys("orders", "audit");
                    assertThat(context).hasSingleBean(ChannelHealth.class);
                });
    }

    static List<Meter> metersNamed(MeterRegistry registry, String name) {
        return registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("sluice.channel.") && name.equals(m.getId().getTag("name")))
                .toList();
    }

    private static Set<String> names(MeterRegistry registry) {
        Set<String> names = new TreeSet<>();
        registry.getMeters().forEach(m -> names.add(m.getId().getName()));
        return names;
    }
}
