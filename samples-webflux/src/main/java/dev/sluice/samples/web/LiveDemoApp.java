package dev.sluice.samples.web;

import static org.springframework.http.MediaType.APPLICATION_JSON;
import dev.sluice.OverflowPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import static org.springframework.http.MediaType.TEXT_EVENT_STREAM;
import static org.springframework.http.MediaType.TEXT_HTML;
import static org.springframework.web.reactive.function.BodyInserters.fromServerSentEvents;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;
import static org.springframework.web.reactive.function.server.ServerResponse.noContent;
import static org.springframework.web.reactive.function.server.ServerResponse.notFound;
import static org.springframework.web.reactive.function.server.ServerResponse.ok;

import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

/**
 * The live backpressure demo: legacy blocking producer threads feed a bounded channel, which a
 * WebFlux endpoint streams to the browser as Server-Sent Events through the Reactor bridge.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples-webflux -am compile -Pdemo} and open
 * {@code http://localhost:8080/}. The page subscribes to the stream and shows, live, the messages,
 * the channel's depth and each producer's state; its slider sets the consumer's pause per message.
 * Slow the consumer and the channel fills and the producers block in {@code send}; speed it up and
 * they run again; disconnect and they stop.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET /}: the page ({@code live-demo/index.html}, plain HTML and JavaScript), with
 *       its script and style under {@code /live-demo/}.</li>
 *   <li>{@code GET /stream?delayMs=250}: {@code text/event-stream} of {@code reading} events
 *       ({@link ReadingEvent}, SSE id = sequence number) and {@code status} events
 *       ({@link StreamStatus}, every 200 ms). Each subscription has its own channel and
 *       producers ({@link ReadingStreams} explains why).</li>
 *   <li>{@code GET /stream?policy=drop_oldest}: the stream's channel drops instead of blocking
 *       ({@code block}, the default, {@code drop_newest}, {@code drop_oldest}).</li>
 *   <li>{@code GET /actuator/metrics/sluice.channel.buffered} (and the other {@code sluice.channel.*}
 *       meters, registered at start-up): the streams' channels summed per {@code policy} tag
 *       ({@link DemoMeters}).</li>
 *   <li>{@code POST /streams/{id}/delay?ms=100}: changes an open stream's pause; {@code 204},
 *       or {@code 404} if the stream is closed.</li>
 *   <li>{@code GET /streams}: {@code {"inUse": 16, "max": 16, "busy": "server busy: 16 of 16
 *       streams in use"}} ({@code busy} is {@code null} while a slot is free). A stream over the
 *       cap is answered {@code 503} with {@code Retry-After} and that reason as its body
 *       ({@link BusyResponses}); the page, whose {@code EventSource} cannot read it, asks here.</li>
 * </ul>
 *
 * <p>Settings: {@code server.port} (default 8080), {@code server.address} (default
 * {@code localhost}) and {@link DemoSettings sluice.demo.*}. Shutdown is immediate: open SSE
 * streams never end by themselves, so a graceful shutdown would wait for its whole timeout.
 *
 * <p>No component scanning: the beans are declared here, so this class and
 * {@link A10_FromAxumHandler}, in the same package, never pick up each other's beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(DemoSettings.class)
public class LiveDemoApp {

    /** Defaults that arguments ({@code --server.port=9090}) and the environment override. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "server.address", "localhost",
            "server.port", "8080",
            "server.shutdown", "immediate",
            "spring.reactor.netty.shutdown-quiet-period", "0s",
            "spring.main.banner-mode", "off",
            "logging.level.root", "warn",
            "management.endpoints.web.exposure.include", "health,metrics");

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(LiveDemoApp.class);
        app.setDefaultProperties(DEFAULTS);
        app.addListeners(announceUrl());
        app.run(args);
    }

    private static ApplicationListener<ApplicationReadyEvent> announceUrl() {
        return ready -> {
            String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
            DemoSettings settings = ready.getApplicationContext().getBean(DemoSettings.class);
            System.out.println();
            System.out.println("Open http://localhost:" + port + "/ in a browser to watch backpressure live: "
                    + settings.producers() + " blocking producer threads -> Channel.bounded(" + settings.capacity()
                    + ") -> ChannelFlux -> Server-Sent Events.");
            System.out.println("Move the consumer-speed slider: slow consumer = full channel and blocked producers."
                    + " Ctrl-C stops the server.");
            System.out.println();
        };
    }

    @Bean
    ReadingStreams readingStreams(DemoSettings settings, ObjectProvider<MeterRegistry> registry) {
        return new ReadingStreams(settings, new DemoMeters(registry.getIfAvailable()));
    }

    /**
     * {@code sluice.demo.send-buffer-bytes} (default 0: the operating system's): bounds what a slow
     * client can leave queued on the server side of its connection, the socket's send buffer
     * ({@code SO_SNDBUF}) and Netty's outbound buffer (its write-buffer high-water mark). Without
     * it, a client that stops reading holds the producers back only once the kernel's autotuned
     * loopback buffers (megabytes, thousands of events) are full.
     */
    @Bean
    NettyServerCustomizer boundedSendBuffer(@Value("${sluice.demo.send-buffer-bytes:0}") int bytes) {
        if (bytes <= 0) {
            return server -> server;
        }
        return server -> server
                .childOption(ChannelOption.SO_SNDBUF, bytes)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(bytes / 2, bytes));
    }

    @Bean
    BusyResponses busyResponses() {
        return new BusyResponses();
    }

    @Bean
    RouterFunction<ServerResponse> liveDemoRoutes(ReadingStreams streams) {
        ClassPathResource page = new ClassPathResource("live-demo/index.html");
        long maxDelayMs = streams.settings().maxDelayMs();
        long defaultDelayMs = streams.settings().delayMs();
        return route()
                .GET("/", request -> ok().contentType(TEXT_HTML).bodyValue(page))
                .GET("/stream", request -> ok().contentType(TEXT_EVENT_STREAM)
                        .body(fromServerSentEvents(streams.open(millis(request, "delayMs", defaultDelayMs, maxDelayMs),
                                policy(request)))))
                .GET("/streams", request -> ok().contentType(APPLICATION_JSON).bodyValue(usage(streams)))
                .POST("/streams/{id}/delay", request -> {
                    long id = streamId(request.pathVariable("id"));
                    long delayMs = millis(request, "ms", -1, maxDelayMs);
                    if (delayMs < 0) {
                        throw new ServerWebInputException("query parameter ms is required");
                    }
                    return streams.changeDelay(id, delayMs) ? noContent().build() : notFound().build();
                })
                .resources("/live-demo/**", new ClassPathResource("live-demo/"))
                .build();
    }

    /** {@code GET /streams}: how many streams are in use, and the busy reason when all are. */
    private static Map<String, Object> usage(ReadingStreams streams) {
        int inUse = streams.inUse();
        int max = streams.settings().maxStreams();
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("inUse", inUse);
        usage.put("max", max);
        usage.put("busy", inUse >= max ? StreamsBusyException.reason(inUse, max) : null);
        return usage;
    }

    /** The query parameter {@code policy}: block (default), drop_newest or drop_oldest. */
    private static OverflowPolicy policy(ServerRequest request) {
        String text = request.queryParam("policy").orElse("block");
        try {
            return OverflowPolicy.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ServerWebInputException("policy must be block, drop_newest or drop_oldest, was " + text);
        }
    }

    private static long streamId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ServerWebInputException("stream id must be a number, was " + text);
        }
    }

    /** The query parameter {@code name} in {@code 0..max}, or {@code absent} when it is missing. */
    private static long millis(ServerRequest request, String name, long absent, long max) {
        String text = request.queryParam(name).orElse(null);
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ServerWebInputException(name + " must be a whole number of milliseconds in 0.." + max + ", was " + text);
    }
}
