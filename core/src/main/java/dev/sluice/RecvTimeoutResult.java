package dev.sluice;

import java.util.NoSuchElementException;

/**
 * The outcome of {@link Receiver#recvTimeout} and {@link Receiver#recvDeadline}: Rust's
 * {@code Result<T, RecvTimeoutError>}.
 *
 * <p>A sealed type: on Java 21+ use pattern matching, on Java 17 the {@code isXxx()} accessors.
 *
 * @param <T> the message type
 */
public sealed interface RecvTimeoutResult<T> {

    /** A message was received. */
    record Value<T>(T value) implements RecvTimeoutResult<T> { }

    /** The deadline passed with the channel empty and a sender still open. */
    record Timeout<T>() implements RecvTimeoutResult<T> { }

    /**
     * The channel is empty and every sender is closed; {@code cause} is the close cause given to
     * {@link Sender#closeChannel(Throwable)}, or {@code null} for a plain disconnection.
     */
    record Disconnected<T>(Throwable cause) implements RecvTimeoutResult<T> { }

    /** {@code true} if a message was received. */
    default boolean isValue() {
        return this instanceof Value;
    }

    /** {@code true} if the wait timed out. */
    default boolean isTimeout() {
        return this instanceof Timeout;
    }

    /** {@code true} if the channel is empty and disconnected. */
    default boolean isDisconnected() {
        return this instanceof Disconnected;
    }

    /**
     * The received message.
     *
     * @throws NoSuchElementException if this is not a {@link Value}
     */
    default T value() {
        if (this instanceof Value<T> v) {
            return v.value();
        }
        throw new NoSuchElementException("no message: " + this);
    }

    /** The received message, or {@code other} if there was none. */
    default T orElse(T other) {
        return this instanceof Value<T> v ? v.value() : other;
    }
}
