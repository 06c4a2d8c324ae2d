package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.Channel;
import dev.sluice.SendDisconnectedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A plain (no web server) application with Spring Boot's own auto-configuration. */
class PlainApplicationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Channel<String> jobs() {
            Channel<String> channel = Channel.bounded(1);
            channel.sender().trySend("first");
            return channel;
        }
    }

    @Test
    @DisplayName("plain application: meters on Boot's MeterRegistry, a health contributor, and on close a blocked producer wakes and the meters go")
    void plain_application_gets_meters_health_and_shutdown() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .run();
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        AtomicReference<Throwable> producerEnd = new AtomicReference<>();
        Thread producer;
        try {
            assertThat(registry.get("sluice.channel.buffered").tag("name", "jobs").gauge().value()).isEqualTo(1.0);
            assertThat(context.containsBean("sluiceHealthIndicator")).isTrue();
            assertThat(context.getBean(ChannelHealth.class).check().details()).containsKey("jobs");

            @SuppressWarnings("unchecked")
            Channel<String> jobs = context.getBean("jobs", Channel.class);
            producer = new Thread(() -> {
                try {
                    jobs.sender().send("second");
                } catch (Throwable t) {
                    producerEnd.set(t);
                }
            }, "blocked-producer");
            producer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.receiver().stats().sendersWaiting() == 1);
        } finally {
            context.close();
        }
        producer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(producer.isAlive()).isFalse();
        assertThat(producerEnd.get()).isInstanceOf(SendDisconnectedException.class);
        assertThat(ChannelMetersTest.metersNamed(registry, "jobs")).isEmpty();
    }
}
