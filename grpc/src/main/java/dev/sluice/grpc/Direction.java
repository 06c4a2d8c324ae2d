package dev.sluice.grpc;

/** What a remote handle does with a route: the unit of {@link Authorizer authorization}. */
public enum Direction {
    /** A remote {@code Receiver} takes messages from a route the server {@code serve}s. */
    RECEIVE,
    /** A remote {@code Sender} puts messages into a route the server {@code accept}s. */
    SEND
}
