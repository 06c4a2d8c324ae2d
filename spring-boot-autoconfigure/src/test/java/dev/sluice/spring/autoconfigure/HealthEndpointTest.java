package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The sluice health contributor as a WebFlux application's {@code /actuator/health} shows it. */
class HealthEndpointTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Channel<String> orders() {
            return Channel.bounded(8);
        }

        /** Full, and nobody receives: a stalled consumer once the stall timeout has passed. */
        @Bean
        Channel<String> stuck() {
            Channel<String> channel = Channel.bounded(1);
            channel.sender().trySend("waiting for a consumer");
            return channel;
        }

        /** Every sender gone. */
        @Bean
        Channel<String> done() {
            Channel<String> channel = Channel.bounded(1);
            channel.sender().close();
            return channel;
        }
    }

    static ConfigurableApplicationContext start(Class<?> app, String... properties) {
        return new SpringApplicationBuilder(app)
                .web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .build();
    }

    @Test
    @DisplayName("/actuator/health: a channel full past sluice.health.stall-timeout is stalled, sluice DOWN (503); the others show their state and figures")
    void stalled_channel_makes_health_down() {
        try (ConfigurableApplicationContext context = start(App.class,
                "management.endpoint.health.show-details=always", "sluice.health.stall-timeout=0s")) {
            client(context).get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("DOWN")
                    .jsonPath("$.components.sluice.status").isEqualTo("DOWN")
                    .jsonPath("$.components.sluice.details.stuck.state").isEqualTo("stalled")
                    .jsonPath("$.components.sluice.details.stuck.buffered").isEqualTo(1)
                    .jsonPath("$.components.sluice.details.stuck.capacity").isEqualTo(1)
                    .jsonPath("$.components.sluice.details.stuck.sinceLastReceive").exists()
                    .jsonPath("$.components.sluice.details.orders.state").isEqualTo("open")
                    .jsonPath("$.components.sluice.details.orders.capacity").isEqualTo(8)
                    .jsonPath("$.components.sluice.details.orders.sendersWaiting").isEqualTo(0)
                    .jsonPath("$.components.sluice.details.orders.receiversWaiting").isEqualTo(0)
                    .jsonPath("$.components.sluice.details.done.state").isEqualTo("disconnected");
        }
    }

    @Test
    @DisplayName("/actuator/health: within the stall timeout a full channel is open and sluice UP")
    void full_channel_within_the_timeout_is_up() {
        try (ConfigurableApplicationContext context = start(App.class,
                "management.endpoint.health.show-details=always", "sluice.health.stall-timeout=1h")) {
            client(context).get().uri("/actuator/health").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.components.sluice.status").isEqualTo("UP")
                    .jsonPath("$.components.sluice.details.stuck.state").isEqualTo("open")
                    .jsonPath("$.components.sluice.details.done.state").isEqualTo("disconnected");
        }
    }
}
