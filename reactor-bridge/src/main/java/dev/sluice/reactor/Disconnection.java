package dev.sluice.reactor;

import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Disconnection: the exception that tells a reactive subscriber why a channel refused a message.
 *
 * <p>Implementation notes. {@code trySend} reports {@code DISCONNECTED} without the channel's close
 * cause, and core offers no accessor for it. {@code sendAsync} on a disconnected channel fails at
 * once with the same {@link SendDisconnectedException} a blocking {@code send} would throw (the
 * message handed back, the close cause attached), without blocking or sending: disconnection is
 * permanent, so the probe cannot succeed. Used only on that terminal path.
 */
final class Disconnection {
    private Disconnection() {
    }

    /** The exception for {@code msg}, refused by {@code sender}'s disconnected channel. */
    static <T> SendDisconnectedException of(Sender<T> sender, T msg) {
        try {
            CompletableFuture<Void> probe = sender.sendAsync(msg);
            if (probe.isCompletedExceptionally()) {
                probe.join();
            } else {
                probe.cancel(false);             // defensive: never leave a live send behind
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof SendDisconnectedException disconnected) {
                return disconnected;
            }
        } catch (RuntimeException closedHandle) {
            // fall through: no cause to report
        }
        return new SendDisconnectedException(msg, null);
    }
}
