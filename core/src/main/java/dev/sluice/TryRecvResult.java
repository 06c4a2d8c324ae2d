package dev.sluice;

import java.util.NoSuchElementException;

/**
 * The outcome of {@link Receiver#tryRecv()}: Rust's {@code Result<T, TryRecvError>}.
 *
 * <p>A sealed type: on Java 21+ use pattern matching, on Java 17 the {@code isXxx()} accessors.
 *
 * <pre>{@code
 * switch (rx.tryRecv()) {                                    // Java 21+
 *     case TryRecvResult.Value<String> v -> handle(v.value());
 *     case TryRecvResult.Empty<String> e -> doOtherWork();
 *     case TryRecvResult.Disconnected<String> d -> stop();
 * }
 * TryRecvResult<String> r = rx.tryRecv();                    // Java 17
 * if (r.isValue()) handle(r.value());
 * }</pre>
 *
 * @param <T> the message type
 */
public sealed interface TryRecvResult<T> {

    /** A message was received. */
    record Value<T>(T value) implements TryRecvResult<T> { }

    /** The channel is empty right now, and a sender is still open. */
    record Empty<T>() implements TryRecvResult<T> { }

    /**
     * The channel is empty and every sender is closed; {@code cause} is the close cause given to
     * {@link Sender#closeChannel(Throwable)}, or {@code null} for a plain disconnection.
     */
    record Disconnected<T>(Throwable cause) implements TryRecvResult<T> { }

    /** {@code true} if a message was received. */
    default boolean isValue() {
        return this instanceof Value;
    }

    /** {@code true} if the channel was empty. */
    default boolean isEmpty() {
        return this instanceof Empty;
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
