package dev.sluice.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading holds the producers back within a bounded number of events when
 * the server's send buffers are bounded ({@code sluice.demo.send-buffer-bytes}) and the client's
 * receive buffer is small: the events in flight are then the sockets' and Netty's buffers, not
 * megabytes of autotuned loopback buffers.
 */
@SpringBootTest(classes = LiveDemoApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.address=localhost",
        "server.shutdown=immediate",
        "spring.main.banner-mode=off",
        "logging.level.root=warn",
        "sluice.demo.producers=3",
        "sluice.demo.capacity=8",
        "sluice.demo.read-interval-ms=1",
        "sluice.demo.send-buffer-bytes=8192",
        "management.endpoints.web.exposure.include=health,metrics"})
@AutoConfigureWebTestClient
@Timeout(120)
class LiveDemoSlowClientTest {
    /** Generous: the buffers above hold a few hundred events; unbounded loopback buffers hold ~17 000. */
    private static final double MAX_EVENTS_IN_FLIGHT = 3_000;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    @DisplayName("a client that stops reading blocks every producer within a few hundred events when send buffers are bounded")
    void a_client_that_stops_reading_blocks_the_producers_after_a_bounded_number_of_events() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);              // before connect: the window is negotiated then
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("localhost", port), 30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /stream?delayMs=0 HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read(new byte[256])).as("the response starts").isPositive();
            // From here on the client reads nothing: every producer must end up blocked in send.

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> metric("sluice.channel.senders.waiting") == 3);
            double sent = metric("sluice.channel.sent");
            System.out.printf("slow client: producers blocked after %.0f messages sent%n", sent);
            assertThat(sent).isLessThan(MAX_EVENTS_IN_FLIGHT);
        }
    }

    private double metric(String name) {
        byte[] body = client.get().uri("/actuator/metrics/" + name + "?tag=policy:block").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode json = EventQueue.JSON.readTree(body);
        return json.get("measurements").get(0).get("value").asDouble();
    }
}
