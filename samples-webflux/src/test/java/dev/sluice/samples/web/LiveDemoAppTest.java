package dev.sluice.samples.web;

import static dev.sluice.samples.web.EventQueue.JSON;
import static dev.sluice.samples.web.LiveDemoServerTest.CAPACITY;
import static dev.sluice.samples.web.LiveDemoServerTest.PRODUCERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.MediaType.TEXT_EVENT_STREAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The live demo's HTTP surface against the real server: the stream's events, cancellation (the
 * producer threads end), and backpressure (a slow consumer blocks the producers, and they never
 * get more than {@code capacity} messages ahead of it).
 *
 * <p>Streams are read through an {@link EventQueue}: the test thread takes each event with a
 * timeout and alone decides when to cancel, so every check runs while the stream is open.
 */
@LiveDemoServerTest
@Timeout(90)
class LiveDemoAppTest {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    ReadingStreams streams;

    @Test
    void stream_emits_readings_with_sequence_producer_timestamps_depth_and_producer_states() {
        List<ServerSentEvent<String>> events = stream("/stream?delayMs=0")
                .filter(event -> "reading".equals(event.event()))
                .take(5)
                .collectList()
                .block(BOUND);

        assertThat(events).hasSize(5);
        for (int i = 0; i < events.size(); i++) {
            ServerSentEvent<String> sse = events.get(i);
            ReadingEvent reading = JSON.readValue(sse.data(), ReadingEvent.class);
            assertThat(sse.id()).isEqualTo(Long.toString(i + 1));
            assertThat(reading.seq()).isEqualTo(i + 1);
            assertThat(reading.producer()).isBetween(1, PRODUCERS);
            assertThat(reading.reading()).isPositive();
            assertThat(reading.readAtMillis()).isPositive().isLessThanOrEqualTo(reading.sentAtMillis());
            assertThat(reading.ageMs()).isEqualTo(reading.sentAtMillis() - reading.readAtMillis());
            StreamStatus status = reading.status();
            assertThat(status.capacity()).isEqualTo(CAPACITY);
            assertThat(status.depth()).isBetween(0, CAPACITY);
            assertThat(status.delayMs()).isZero();
            assertThat(status.producers()).extracting(StreamStatus.Producer::id).containsExactly(1, 2, 3);
            assertThat(status.producers()).extracting(StreamStatus.Producer::state)
                    .allMatch(state -> state.equals("running") || state.equals("blocked"));
        }
        long stream = JSON.readValue(events.get(0).data(), ReadingEvent.class).status().stream();
        ProducerThreads.awaitNone(stream, BOUND);
    }

    @Test
    void stream_starts_with_a_status_event_and_uses_the_default_delay() {
        ServerSentEvent<String> first = stream("/stream").blockFirst(BOUND);

        assertThat(first.event()).isEqualTo("status");
        StreamStatus status = JSON.readValue(first.data(), StreamStatus.class);
        assertThat(status.delayMs()).isEqualTo(250);
        assertThat(status.producers()).hasSize(PRODUCERS);
        ProducerThreads.awaitNone(status.stream(), BOUND);
    }

    @Test
    void cancelling_the_stream_closes_the_receiver_and_every_producer_thread_ends() throws InterruptedException {
        long stream;
        try (EventQueue events = open("/stream?delayMs=0")) {
            stream = events.nextReading().status().stream();
            for (int i = 0; i < 3; i++) {
                events.nextReading();
            }
            assertThat(ProducerThreads.of(stream)).hasSize(PRODUCERS);
            assertThat(streams.find(stream)).isPresent();
        }                                                           // cancels: the client disconnects

        ProducerThreads.awaitNone(stream, BOUND);
        assertThat(streams.find(stream)).isEmpty();
    }

    @Test
    void slow_consumer_blocks_the_producers_which_stay_at_most_capacity_messages_ahead() throws InterruptedException {
        List<StreamStatus> statuses = new ArrayList<>();
        long stream = -1;
        try (EventQueue events = open("/stream?delayMs=100")) {
            for (long seq = 0; seq < 8; ) {
                ServerSentEvent<String> event = events.next();
                if ("status".equals(event.event())) {
                    statuses.add(JSON.readValue(event.data(), StreamStatus.class));
                    continue;
                }
                ReadingEvent reading = JSON.readValue(event.data(), ReadingEvent.class);
                seq = reading.seq();
                stream = reading.status().stream();
                statuses.add(reading.status());
                // When this event was built the consumer had taken exactly `seq` messages out of
                // the channel (the next is requested only after this one's pause), so every
                // completed send is one of those or one of at most CAPACITY in the channel.
                assertThat(sent(reading.status())).isLessThanOrEqualTo(reading.seq() + CAPACITY);
            }
            awaitAllProducersParkedInSend(stream);
        }

        assertThat(statuses).allSatisfy(status -> assertThat(status.depth()).isBetween(0, CAPACITY));
        assertThat(statuses).anySatisfy(status ->
                assertThat(status.producers()).extracting(StreamStatus.Producer::state).contains("blocked"));
        ProducerThreads.awaitNone(stream, BOUND);
    }

    @Test
    void paused_consumer_takes_one_message_while_the_channel_fills_to_capacity_and_no_further()
            throws InterruptedException {
        long stream;
        // The first message is taken and paused for an hour. WebFlux still requests events in
        // batches downstream, but no other message may leave the channel.
        try (EventQueue events = open("/stream?delayMs=3600000")) {
            stream = events.nextStatus().stream();
            awaitAllProducersParkedInSend(stream);
            StreamStatus status = streams.find(stream).orElseThrow().status();
            assertThat(status.depth()).isEqualTo(CAPACITY);
            assertThat(sent(status)).isEqualTo(CAPACITY + 1);
        }

        ProducerThreads.awaitNone(stream, BOUND);
    }

    @Test
    void delay_of_an_open_stream_can_be_changed_and_bad_requests_are_refused() throws InterruptedException {
        client.post().uri("/streams/999999/delay?ms=10").exchange().expectStatus().isNotFound();
        client.post().uri("/streams/x/delay?ms=10").exchange().expectStatus().isBadRequest();
        client.get().uri("/stream?delayMs=-1").exchange().expectStatus().isBadRequest();
        client.get().uri("/stream?delayMs=fast").exchange().expectStatus().isBadRequest();
        long stream;
        try (EventQueue events = open("/stream?delayMs=3600000")) {
            StreamStatus status = events.nextStatus();
            stream = status.stream();
            assertThat(status.delayMs()).isEqualTo(3_600_000);

            client.post().uri("/streams/" + stream + "/delay?ms=0").exchange().expectStatus().isNoContent();

            while (status.delayMs() != 0) {             // each wait is bounded by the queue's timeout
                status = events.nextStatus();
            }
        }

        ProducerThreads.awaitNone(stream, BOUND);
    }

    @Test
    void page_is_served_with_its_script_and_style() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<script src=\"/live-demo/demo.js\">", "id=\"producers\"", "id=\"slots\""));
        client.get().uri("/live-demo/demo.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("new EventSource"));
        client.get().uri("/live-demo/demo.css").exchange().expectStatus().isOk();
    }

    private Flux<ServerSentEvent<String>> stream(String uri) {
        return client.mutate().responseTimeout(BOUND).build()
                .get().uri(uri).accept(TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(TEXT_EVENT_STREAM)
                .returnResult(SSE)
                .getResponseBody();
    }

    private EventQueue open(String uri) {
        return new EventQueue(stream(uri), BOUND);
    }

    private static long sent(StreamStatus status) {
        return status.producers().stream().mapToLong(StreamStatus.Producer::sent).sum();
    }

    /** Waits until every producer of the stream is marked blocked and its thread is parked (WAITING). */
    private void awaitAllProducersParkedInSend(long stream) {
        await("all producers of stream " + stream + " parked in send()")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    List<Thread> threads = ProducerThreads.of(stream);
                    StreamStatus status = streams.find(stream).orElseThrow().status();
                    return threads.size() == PRODUCERS
                            && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)
                            && status.producers().stream().allMatch(p -> p.state().equals("blocked"));
                });
    }
}
