package dev.sluice.grpc;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The opening of a client stream: the server accepts it by sending response headers (after
 * authentication, authorization and the route lookup), or refuses it by closing the call. A
 * factory waits for either, so that a refusal is an exception from the factory, not a later
 * disconnection.
 */
final class Opening {
    private final CompletableFuture<Status> answer = new CompletableFuture<>();

    /** The server accepted the stream. */
    void accepted() {
        answer.complete(Status.OK);
    }

    /** The call ended (before or after being accepted). */
    void closed(Status status) {
        answer.complete(status);
    }

    /**
     * Waits for the answer; throws the refusal.
     * @param cancel cancels the call when no answer came in time or the wait was interrupted
     */
    void await(String route, String address, Duration timeout, Runnable cancel) {
        Status status;
        try {
            status = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel.run();
            throw new RemoteChannelException(route, address, Status.Code.DEADLINE_EXCEEDED,
                    "no answer from the server within " + timeout, null);
        } catch (InterruptedException e) {
            cancel.run();
            Thread.currentThread().interrupt();
            throw new RemoteChannelException(route, address, null, "interrupted while connecting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);       // never completed exceptionally
        }
        if (!status.isOk()) {
            throw RemoteChannelException.of(route, address, status);
        }
    }
}
