package dev.sluice.samples.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;
import dev.sluice.BlockingGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.scheduler.NonBlocking;

/**
 * Runs {@link A10_FromAxumHandler}'s program on a {@code sample-main} thread against a free port,
 * sends it a real HTTP {@code GET /}, and checks the article's output and that the server is gone.
 * The Reactor blocking guard is on (as it is once the Reactor bridge has been used in the JVM),
 * so the handler would fail if it made a blocking channel call on Netty's event loop.
 */
@Timeout(60)
class A10_FromAxumHandlerTest {
    private Predicate<Thread> previousGuard;

    @BeforeEach
    void forbidBlockingOnEventLoops() {
        previousGuard = BlockingGuard.installed();
        BlockingGuard.install(thread -> thread instanceof NonBlocking);
    }

    @AfterEach
    void restoreGuard() {
        BlockingGuard.install(previousGuard);
    }

    @Test
    void get_sends_hey_to_the_blocked_main_thread_which_prints_it_and_stops_the_server() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, UTF_8);
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        FutureTask<String> program = new FutureTask<>(() ->
                A10_FromAxumHandler.receiveOnceThenStop(new String[] {"--server.port=0"}, out, listening::complete));
        Thread main = new Thread(program, "sample-main");
        main.start();

        int port = listening.get(30, SECONDS);
        assertFalse(program.isDone(), "main must wait in recv() until a request arrives");

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), "the request that sent the message still gets its answer");
        assertEquals("hey", program.get(10, SECONDS), "main received the message and returned: the server stopped");
        main.join(SECONDS.toMillis(10));
        assertFalse(main.isAlive());
        assertEquals(List.of("sending", "received: hey"), printed.toString(UTF_8).lines().toList());
        assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(),
                "nothing listens on the port any more");
    }
}
