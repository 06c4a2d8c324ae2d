package dev.sluice.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.MediaType.TEXT_EVENT_STREAM;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The visitor over the stream cap is told why: with {@code max-streams=2} and two streams open,
 * a third {@code GET /stream} is answered {@code 503} with {@code Retry-After} and the body
 * {@code server busy: 2 of 2 streams in use}, and {@code GET /streams} (what the page asks when
 * its EventSource is refused) gives the same reason; once a stream closes, its slot is free again.
 * Its own small server (one producer, cap 2), so the shared demo server's cap is not touched.
 */
@SpringBootTest(classes = LiveDemoApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.address=localhost",
        "server.shutdown=immediate",
        "spring.main.banner-mode=off",
        "logging.level.root=warn",
        "sluice.demo.producers=1",
        "sluice.demo.capacity=2",
        "sluice.demo.read-interval-ms=20",
        "sluice.demo.max-delay-ms=3600000",
        "sluice.demo.max-streams=2"})
@AutoConfigureWebTestClient
@Timeout(90)
class LiveDemoOverCapTest {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
    };
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    ReadingStreams streams;

    @Test
    void the_stream_over_the_cap_gets_503_with_the_reason_in_body_and_headers_until_a_slot_frees()
            throws InterruptedException {
        try (EventQueue first = open(); EventQueue second = open()) {
            first.next("status");                                   // both streams hold their slot
            second.next("status");
            assertThat(streams.inUse()).isEqualTo(2);

            client.get().uri("/stream").accept(TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                    .expectBody(String.class).isEqualTo("server busy: 2 of 2 streams in use\n");

            Map<String, Object> usage = usage();
            assertThat(usage).containsEntry("inUse", 2).containsEntry("max", 2)
                    .containsEntry("busy", "server busy: 2 of 2 streams in use");
            assertThat(streams.inUse()).isEqualTo(2);               // the refused request took no slot
        }                                                           // both streams cancelled

        await("both slots free").atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> streams.inUse() == 0);
        assertThat(usage()).containsEntry("inUse", 0).containsEntry("busy", null);
        try (EventQueue again = open()) {
            assertThat(again.next().event()).isEqualTo("status");
        }
    }

    private EventQueue open() {
        Flux<ServerSentEvent<String>> events = client.mutate().responseTimeout(BOUND).build()
                .get().uri("/stream?delayMs=3600000").accept(TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody();
        return new EventQueue(events, BOUND);
    }

    private Map<String, Object> usage() {
        return client.get().uri("/streams").exchange()
                .expectStatus().isOk()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
    }
}
