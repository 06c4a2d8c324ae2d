package dev.sluice.rsocket;

/** What a remote handle does with a route: the unit of {@link Authorizer authorization}. */
public enum Direction {
    /** A remote {@code Receiver} takes messages from a route the server {@code serve}s. */
    RECEIVE,
    /** A remote {@code Sender} puts messages into a route the server {@code accept}s. */
    SEND;

    /** "receive from" or "send to", for messages. */
    String verb() {
        return this == RECEIVE ? "receive from" : "send to";
    }
}
