package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The JDK's {@code HttpClient} streaming a request body from a channel
 * ({@code BodyPublishers.fromPublisher}) to a local {@code HttpServer} on 127.0.0.1, and a
 * response body into a channel ({@code BodyHandlers.fromSubscriber}).
 */
class HttpClientInteropTest {
    private HttpServer server;
    private URI uri;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/echo");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    @DisplayName("a legacy thread's chunks stream as a request body, in order, through a bounded channel")
    void request_body_from_a_channel() throws Exception {
        Channel<ByteBuffer> ch = Channel.bounded(2);
        Sender<ByteBuffer> tx = ch.sender();
        int chunks = 200;
        CompletableFuture<Void> produced = new CompletableFuture<>();
        Thread producer = new Thread(() -> {
            try (tx) {
                for (int i = 0; i < chunks; i++) {
                    tx.send(ByteBuffer.wrap(("line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
                }
                produced.complete(null);
            } catch (Throwable t) {
                produced.completeExceptionally(t);
            }
        }, "legacy-producer");
        producer.setDaemon(true);
        producer.start();

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.fromPublisher(FlowChannels.publisher(ch.receiver())))
                .build();
        HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(30, TimeUnit.SECONDS);

        produced.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertEquals(expected.toString(), response.body());
    }

    @Test
    @DisplayName("a response body streams into a channel that a blocking consumer reads")
    void response_body_into_a_channel() throws Exception {
        byte[] payload = new byte[256 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        Channel<List<ByteBuffer>> ch = Channel.bounded(2);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.fromSubscriber(FlowChannels.subscriber(ch.sender())));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (Receiver<List<ByteBuffer>> rx = ch.receiver()) {
            for (List<ByteBuffer> buffers : rx) {
                for (ByteBuffer b : buffers) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    got.write(bytes);
                }
            }
        }
        assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        org.junit.jupiter.api.Assertions.assertArrayEquals(payload, got.toByteArray());
    }
}
