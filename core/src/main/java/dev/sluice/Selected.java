package dev.sluice;

/**
 * Selected: the operation a {@link Select} completed, and its outcome.
 *
 * <p>{@link #index()} is the index that {@link Select#recv} or {@link Select#send} returned when
 * the operation was added. A receive carries its message ({@link #value()}) unless the channel
 * was disconnected; a send carries nothing unless it was disconnected, in which case
 * {@link #undelivered()} gives the message back. Unlike crossbeam's {@code SelectedOperation},
 * the operation is already complete: there is nothing left to call.
 */
public final class Selected {
    private final int index;
    private final boolean send;
    private final boolean disconnected;
    private final Object value;
    private final Throwable cause;

    Selected(int index, boolean send, boolean disconnected, Object value, Throwable cause) {
        this.index = index;
        this.send = send;
        this.disconnected = disconnected;
        this.value = value;
        this.cause = cause;
    }

    /** The index of the completed operation, in the order operations were added. */
    public int index() {
        return index;
    }

    /** {@code true} if the operation was a send. */
    public boolean isSend() {
        return send;
    }

    /** {@code true} if the operation found its channel disconnected (it then transferred nothing). */
    public boolean isDisconnected() {
        return disconnected;
    }

    /**
     * The received message.
     *
     * @throws DisconnectedException if the receive found the channel empty and disconnected
     * @throws IllegalStateException if the operation was a send
     */
    @SuppressWarnings("unchecked")
    public <T> T value() {
        if (send) {
            throw new IllegalStateException("operation " + index + " was a send");
        }
        if (disconnected) {
            throw new DisconnectedException("receiving on an empty and disconnected channel", cause);
        }
        return (T) value;
    }

    /** A send that found its channel disconnected: the message, handed back; otherwise {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T undelivered() {
        return send && disconnected ? (T) value : null;
    }

    /** The channel's close cause for a disconnected receive, or {@code null}. */
    public Throwable cause() {
        return cause;
    }

    @Override
    public String toString() {
        return "Selected{" + index + (send ? ", send" : ", recv") + (disconnected ? ", disconnected" : "") + "}";
    }
}
