package dev.sluice.samples.web;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * BusyResponses: answers a {@link StreamsBusyException} with {@code 503}, {@code Retry-After} and
 * the reason as a plain-text body ({@code server busy: 16 of 16 streams in use}), so that
 * {@code curl} shows why; the page, whose {@code EventSource} cannot read an error body, asks
 * {@code GET /streams} instead.
 *
 * <p>The stream's slot is taken when the response body is subscribed, after the handler has set
 * {@code 200 text/event-stream} but before anything is written, so the response is not committed
 * yet and this handler replaces status, headers and body. It runs before Spring Boot's error
 * handler (order -2), which would render a JSON error without the reason.
 */
final class BusyResponses implements WebExceptionHandler, Ordered {
    @Override
    public int getOrder() {
        return -3;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!(error instanceof StreamsBusyException busy)) {
            return Mono.error(error);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        response.setStatusCode(busy.getStatusCode());
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        headers.addAll(busy.getHeaders());
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        byte[] body = (busy.getReason() + "\n").getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
