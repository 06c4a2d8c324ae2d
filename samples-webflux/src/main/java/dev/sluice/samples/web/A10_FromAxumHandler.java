package dev.sluice.samples.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.IntConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Ports the article's last program ("From Axum Handlers") to Spring WebFlux on Reactor Netty: a
 * {@code GET /} handler sends {@code "hey"} through a channel to the main thread, which prints it
 * and shuts the server down.
 *
 * <pre>{@code
 * let (sender, receiver) = channel::<String>();
 * let handler = tokio::spawn(async move {
 *     let app = Router::new().route("/", get(test_sender)).with_state(sender);
 *     let listener = tokio::net::TcpListener::bind("localhost:3000").await?;
 *     axum::serve(listener, app).await?;
 *     Ok(())
 * });
 * println!("received: {}", receiver.recv()?); // received: hey
 * handler.abort();
 * }</pre>
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples-webflux -am compile -Pdemo
 * -Ddemo.mainClass=dev.sluice.samples.web.A10_FromAxumHandler}, then
 * {@code curl localhost:3000/}. Output: {@code sending}, {@code received: hey}, and the program
 * ends. The port is {@code 3000} on {@code localhost}; {@code --server.port=N} changes it.
 *
 * <p>Mapping: {@code tokio::spawn(axum::serve(..))} is {@link SpringApplication#run}, which
 * returns once Netty listens and leaves the server on its own event-loop threads; the router's
 * state is the channel's first {@link Sender}, a bean that the context closes when it stops;
 * {@code handler.abort()} is closing the context. As in Rust, the blocking {@code recv()} runs on
 * the {@code main} thread, never on an event-loop thread, and if the server stops before any
 * request (Ctrl-C closes the context, which closes the router's sender) {@code recv()} reports
 * the disconnection instead of waiting forever.
 *
 * <p>Shutdown is quick: {@code server.shutdown=immediate} closes the listening socket at once,
 * with no graceful wait for other connections (Spring Boot's default is graceful, up to 30 s), and
 * {@code spring.reactor.netty.shutdown-quiet-period=0s} stops Netty's event loops without their
 * 2 s quiet period. The request that sent {@code "hey"} still gets its response: WebFlux runs
 * the handler and writes its (empty) response in one event-loop task, and an event loop takes up
 * a shutdown only between tasks.
 *
 * <p>No component scanning: the beans are registered by hand, so this class and
 * {@link LiveDemoApp}, in the same package, never pick up each other's beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class A10_FromAxumHandler {

    /** Defaults that command-line arguments ({@code --server.port=0}) override. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "server.address", "localhost",
            "server.port", "3000",
            "server.shutdown", "immediate",
            "spring.reactor.netty.shutdown-quiet-period", "0s",
            "spring.main.banner-mode", "off",
            "logging.level.root", "warn");

    public static void main(String[] args) throws InterruptedException {
        try {
            receiveOnceThenStop(args, System.out, port ->
                    System.out.println("listening on http://localhost:" + port + "/ (GET it to send \"hey\" and stop)"));
        } catch (DisconnectedException e) {
            System.err.println("the server stopped before any request sent a message");
        }
    }

    /**
     * The program itself: starts the server, blocks the calling thread in {@code recv()} until a
     * request sends a message, prints {@code received: <message>}, stops the server and returns
     * the message.
     *
     * @param args        Spring Boot arguments, e.g. {@code --server.port=0} for a free port
     * @param out         where the handler and this method print
     * @param onListening called with the bound port once the server accepts connections
     * @throws DisconnectedException if the server stops before a request sends anything
     */
    static String receiveOnceThenStop(String[] args, PrintStream out, IntConsumer onListening)
            throws InterruptedException {
        Channel<String> channel = Channel.unbounded();
        try (Receiver<String> receiver = channel.receiver();
             ConfigurableApplicationContext server = serve(channel.sender(), out, args)) {
            onListening.accept(server.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            String received = receiver.recv();          // blocks main, as receiver.recv()? does in Rust
            out.println("received: " + received);
            return received;
        }                                                // handler.abort(): the context closes, Netty stops
    }

    /** Starts the server with {@code sender} as the router's state; the context closes it on shutdown. */
    static ConfigurableApplicationContext serve(Sender<String> sender, PrintStream out, String... args) {
        SpringApplication app = new SpringApplication(A10_FromAxumHandler.class);
        app.setDefaultProperties(DEFAULTS);
        app.addInitializers(context -> {
            GenericApplicationContext beans = (GenericApplicationContext) context;
            beans.registerBean("routerSender", Sender.class, () -> sender,
                    definition -> definition.setDestroyMethodName("close"));
            beans.registerBean("routes", RouterFunction.class, () -> routes(sender, out));
        });
        return app.run(args);
    }

    /** {@code Router::new().route("/", get(test_sender)).with_state(sender)}. */
    static RouterFunction<ServerResponse> routes(Sender<String> sender, PrintStream out) {
        return route(GET("/"), new SendHeyHandler(sender, out));
    }
}
