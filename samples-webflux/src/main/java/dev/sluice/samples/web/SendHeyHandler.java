package dev.sluice.samples.web;

import dev.sluice.Sender;
import java.io.PrintStream;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The article's {@code test_sender} Axum handler: prints {@code sending}, sends {@code "hey"} to
 * the main thread through the channel, drops its sender and returns {@code 200 OK}.
 *
 * <pre>{@code
 * async fn test_sender(State(sender): State<Sender<String>>) {
 *     println!("sending");
 *     sender.send("hey".to_owned()).expect("Error sending message.");
 *     drop(sender);
 * }
 * }</pre>
 *
 * <p>Axum hands every request its own clone of the router's state; here each request clones the
 * router's {@link Sender} and closes the clone when it is done ({@code drop(sender)}), so the
 * router's handle stays open for the next request, as in Rust.
 *
 * <p>The handler runs on a Reactor Netty event-loop thread, which must never block. The channel is
 * unbounded, so sending never waits (Rust's {@code channel()}: the message is linked into the
 * buffer and the call returns). The blocking guard that the Reactor bridge installs exempts
 * unbounded sends for that reason, so {@link Sender#send} would work here too; the handler calls
 * {@link Sender#trySend} to make "never waits" visible at the call site. A bounded channel would be
 * wrong here: its {@code send} waits while the buffer is full.
 */
final class SendHeyHandler implements HandlerFunction<ServerResponse> {
    private final Sender<String> routerSender;
    private final PrintStream out;

    /** @param routerSender the router's handle ({@code .with_state(sender)}); this handler clones it per request */
    SendHeyHandler(Sender<String> routerSender, PrintStream out) {
        this.routerSender = routerSender;
        this.out = out;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        out.println("sending");
        // Rust's `expect` panics if the receiver is gone (main has already stopped): here the clone
        // or the send fails, and WebFlux answers 500 to this request only.
        try (Sender<String> sender = routerSender.clone()) {
            if (!sender.trySend("hey").isOk()) {     // unbounded: OK, or DISCONNECTED; never waits
                throw new IllegalStateException("Error sending message: the receiver is closed");
            }
        }                                            // drop(sender)
        return ServerResponse.ok().build();
    }
}
