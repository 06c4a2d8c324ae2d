package dev.sluice.samples.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * StreamsBusyException: a stream was refused because {@code max} streams are open already. It is
 * a {@code 503 Service Unavailable} whose reason, {@code "server busy: N of N streams in use"},
 * is the whole response body ({@link BusyResponses}), with {@code Retry-After} in its headers.
 */
final class StreamsBusyException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    /** Seconds a client should wait before it tries again ({@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 5;

    private final int inUse;
    private final int max;

    StreamsBusyException(int inUse, int max) {
        super(HttpStatus.SERVICE_UNAVAILABLE, reason(inUse, max));
        this.inUse = inUse;
        this.max = max;
    }

    /** The text a visitor over the cap sees, on the page and in the response body. */
    static String reason(int inUse, int max) {
        return "server busy: " + inUse + " of " + max + " streams in use";
    }

    int inUse() {
        return inUse;
    }

    int max() {
        return max;
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return headers;
    }
}
