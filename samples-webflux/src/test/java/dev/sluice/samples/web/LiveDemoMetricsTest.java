package dev.sluice.samples.web;

import static dev.sluice.samples.web.EventQueue.JSON;
import static dev.sluice.samples.web.LiveDemoServerTest.CAPACITY;
import static dev.sluice.samples.web.LiveDemoServerTest.PRODUCERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.MediaType.TEXT_EVENT_STREAM;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * The demo's channel meters on Spring Boot Actuator: every {@code sluice.channel.*} meter exists
 * from start-up, for each policy; a stream whose consumer holds still fills its channel,
 * {@code /actuator/metrics/sluice.channel.buffered} shows the depth, and the policy switch decides
 * whether the producers wait (block) or the channel drops.
 */
@LiveDemoServerTest
@Timeout(90)
class LiveDemoMetricsTest {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final long HOLD_STILL_MS = 3_600_000;
    private static final String[] METERS = {"sluice.channel.buffered", "sluice.channel.capacity",
            "sluice.channel.senders.waiting", "sluice.channel.receivers.waiting", "sluice.channel.sent",
            "sluice.channel.received", "sluice.channel.dropped", "sluice.channel.send.blocked"};

    @Autowired
    WebTestClient client;

    @Test
    @DisplayName("every sluice.channel.* meter answers from start-up, before any stream, for every policy")
    void every_meter_is_registered_at_start_up() {
        for (String name : METERS) {
            JsonNode meter = json(name);
            assertThat(meter.get("name").asString()).isEqualTo(name);
            assertThat(meter.get("measurements").get(0).get("value").asDouble()).as(name).isNotNegative();
            assertThat(meter.get("availableTags").toString()).as(name)
                    .contains("\"policy\"", "block", "drop_newest", "drop_oldest", "live-demo", "bounded");
            for (String policy : new String[] {"block", "drop_newest", "drop_oldest"}) {
                assertThat(metric(name + "?tag=policy:" + policy)).as(name + " " + policy).isNotNegative();
            }
        }
    }

    @Test
    void actuator_shows_a_full_blocking_channel_and_its_waiting_producers() {
        Sinks.One<Long> streamId = Sinks.one();
        Disposable stream = open("block", streamId);
        try {
            streamId.asMono().block(BOUND);
            String tag = "?tag=policy:block";
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(metric("sluice.channel.buffered" + tag)).isEqualTo(CAPACITY);
                assertThat(metric("sluice.channel.senders.waiting" + tag)).isEqualTo(PRODUCERS);
            });
            assertThat(metric("sluice.channel.capacity" + tag)).isEqualTo(CAPACITY);
            assertThat(metric("sluice.channel.dropped" + tag + "&tag=reason:newest")).isZero();
            assertThat(metric("sluice.channel.dropped" + tag + "&tag=reason:oldest")).isZero();
            JsonNode buffered = json("sluice.channel.buffered" + tag);
            assertThat(buffered.get("baseUnit").asString()).isEqualTo("messages");
            assertThat(buffered.get("availableTags").toString()).contains("flavor", "name");   // policy: the filter
        } finally {
            stream.dispose();
        }
    }

    @Test
    void actuator_shows_drops_and_no_waiting_producers_under_drop_oldest() {
        Sinks.One<Long> streamId = Sinks.one();
        Disposable stream = open("drop_oldest", streamId);
        try {
            streamId.asMono().block(BOUND);
            String tag = "?tag=policy:drop_oldest";
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(metric("sluice.channel.buffered" + tag)).isEqualTo(CAPACITY);
                assertThat(metric("sluice.channel.dropped" + tag + "&tag=reason:oldest")).isPositive();
            });
            assertThat(metric("sluice.channel.senders.waiting" + tag)).isZero();
            assertThat(metric("sluice.channel.dropped" + tag + "&tag=reason:newest")).isZero();
        } finally {
            stream.dispose();
        }
    }

    /** Opens a stream whose consumer takes one message and then holds still; emits its id. */
    private Disposable open(String policy, Sinks.One<Long> streamId) {
        return client.mutate().responseTimeout(BOUND).build()
                .get().uri("/stream?delayMs=" + HOLD_STILL_MS + "&policy=" + policy).accept(TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(event -> "status".equals(event.event()))
                .subscribe(event -> streamId.tryEmitValue(
                        JSON.readValue(event.data(), StreamStatus.class).stream()));
    }

    private double metric(String path) {
        return json(path).get("measurements").get(0).get("value").asDouble();
    }

    private JsonNode json(String path) {
        byte[] body = client.get().uri("/actuator/metrics/" + path).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }
}
