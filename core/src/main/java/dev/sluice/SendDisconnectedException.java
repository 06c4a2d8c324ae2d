package dev.sluice;

/**
 * Thrown by {@link Sender#send(Object)} when every receiver is closed (or the channel was closed
 * for sending): Rust's {@code SendError(T)}. It hands back the message that was not delivered.
 */
public final class SendDisconnectedException extends DisconnectedException {
    private static final long serialVersionUID = 1L;

    private final transient Object undelivered;

    /** Creates an exception carrying the message that could not be sent. */
    public SendDisconnectedException(Object undelivered, Throwable cause) {
        super("sending on a disconnected channel", cause);
        this.undelivered = undelivered;
    }

    /**
     * The message that was not sent. The cast is unchecked: it is the message given to the
     * {@code send} call that threw.
     */
    @SuppressWarnings("unchecked")
    public <T> T message() {
        return (T) undelivered;
    }
}
