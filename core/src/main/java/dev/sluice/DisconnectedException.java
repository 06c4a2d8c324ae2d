package dev.sluice;

/**
 * Thrown by a blocking operation when the other side of the channel is gone: Rust's
 * {@code RecvError} (for {@link Receiver#recv()} and iteration) and the base of
 * {@link SendDisconnectedException} (Rust's {@code SendError}).
 *
 * <p>If the channel was closed with a cause ({@link Sender#closeChannel(Throwable)}), that cause
 * is this exception's {@link #getCause() cause}; a plain disconnection has none.
 */
public class DisconnectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given detail message and optional close cause. */
    public DisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
