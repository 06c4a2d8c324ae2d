package dev.sluice.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The stream factory without a server: streams are cold, capped, and give their slot back. */
@Timeout(60)
class ReadingStreamsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void streams_beyond_max_streams_fail_with_503_until_one_closes() {
        ReadingStreams streams = new ReadingStreams(new DemoSettings(1, 1, 5, 0, 0, 1));

        Disposable first = streams.open(0).subscribe();
        StepVerifier.create(streams.open(0))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ResponseStatusException.class, r -> {
                    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(r.getReason()).isEqualTo("server busy: 1 of 1 streams in use");
                    assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("5");
                }))
                .verify(BOUND);
        assertThat(streams.inUse()).isEqualTo(1);

        first.dispose();
        StepVerifier.create(streams.open(0).filter(event -> "reading".equals(event.event())).take(1))
                .expectNextCount(1)
                .verifyComplete();
        ProducerThreads.awaitNone(1, BOUND);     // the streams' ids were 1 and 2: the refused one got none
        ProducerThreads.awaitNone(2, BOUND);
    }

    @Test
    void nothing_starts_before_subscription() {
        ReadingStreams streams = new ReadingStreams(new DemoSettings(1, 1, 5, 0, 0, 1));

        streams.open(0);
        streams.open(0);

        assertThat(streams.find(1)).isEmpty();
    }
}
