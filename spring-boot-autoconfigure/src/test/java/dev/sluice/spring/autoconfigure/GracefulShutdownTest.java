package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.Channel;
import dev.sluice.SendDisconnectedException;
import dev.sluice.reactor.ChannelFlux;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.Disposable;

/**
 * Graceful shutdown with a live Server-Sent-Events client: closing the context closes the managed
 * channels first, so the stream completes, the blocked producer wakes, and the server's graceful
 * shutdown finds nothing to wait for.
 */
class GracefulShutdownTest {
    /** Far above what the test waits for: a shutdown that waited for it would fail the test. */
    private static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase=120s";

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        Channel<String> events() {
            return Channel.bounded(4);
        }

        /** Full, nobody receives: its producer blocks. */
        @Bean
        Channel<String> backlog() {
            Channel<String> channel = Channel.bounded(1);
            channel.sender().trySend("first");
            return channel;
        }

        @Bean
        RouterFunction<ServerResponse> routes(@Qualifier("events") Channel<String> events) {
            return RouterFunctions.route()
                    .GET("/events", request -> ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                            .body(ChannelFlux.from(events.receiver()), String.class))
                    .build();
        }
    }

    @Test
    @DisplayName("context close completes an SSE stream fed by a channel and wakes a blocked producer, without waiting for the shutdown timeout")
    void close_completes_sse_and_wakes_blocked_producer() throws Exception {
        ConfigurableApplicationContext context = HealthEndpointTest.start(App.class, "server.shutdown=graceful", SHUTDOWN_TIMEOUT);
        Disposable subscription = null;
        try {
            @SuppressWarnings("unchecked")
            Channel<String> events = context.getBean("events", Channel.class);
            @SuppressWarnings("unchecked")
            Channel<String> backlog = context.getBean("backlog", Channel.class);

            List<String> received = new CopyOnWriteArrayList<>();
            CountDownLatch twoReceived = new CountDownLatch(2);
            CountDownLatch completed = new CountDownLatch(1);
            AtomicReference<Throwable> streamError = new AtomicReference<>();
            subscription = WebClient.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                    .get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve().bodyToFlux(String.class)
                    .subscribe(event -> {
                        received.add(event);
                        twoReceived.countDown();
                    }, streamError::set, completed::countDown);
            events.sender().send("one");
            events.sender().send("two");
            assertThat(twoReceived.await(30, TimeUnit.SECONDS)).as("the SSE client got both events").isTrue();

            AtomicReference<Throwable> producerEnd = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    backlog.sender().send("second");
                } catch (Throwable t) {
                    producerEnd.set(t);
                }
            }, "blocked-producer");
            producer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.receiver().stats().sendersWaiting() == 1);

            CountDownLatch closed = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                context.close();
                closed.countDown();
            }, "context-close");
            closer.start();

            assertThat(completed.await(30, TimeUnit.SECONDS)).as("the SSE stream completed").isTrue();
            assertThat(streamError.get()).isNull();
            assertThat(received).containsExactly("one", "two");
            producer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(producer.isAlive()).as("the blocked producer ended").isFalse();
            assertThat(producerEnd.get()).isInstanceOf(SendDisconnectedException.class);
            assertThat(closed.await(30, TimeUnit.SECONDS)).as("the context closed well within the 120 s shutdown timeout").isTrue();
        } finally {
            if (subscription != null) {
                subscription.dispose();
            }
            context.close();
        }
    }

    @Test
    @DisplayName("the lifecycle's phase is above the web server's graceful-shutdown phase, so it stops first")
    void phase_is_above_the_graceful_shutdown_phase() throws Exception {
        String boot4 = "org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle";
        String boot3 = "org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle";
        ClassLoader loader = getClass().getClassLoader();
        Class<?> graceful = ClassUtils.forName(ClassUtils.isPresent(boot4, loader) ? boot4 : boot3, loader);
        int gracefulPhase = graceful.getField("SMART_LIFECYCLE_PHASE").getInt(null);
        assertThat(SluiceChannelsLifecycle.PHASE).isGreaterThan(gracefulPhase).isLessThan(SmartLifecycle.DEFAULT_PHASE);
    }
}
