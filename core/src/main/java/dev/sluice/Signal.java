package dev.sluice;

/**
 * Signal: sentinels that flavors return in place of a message. Messages are never {@code null}
 * and never one of these private objects, so a reference comparison tells them apart.
 */
final class Signal {
    /** No message now, a sender is still open. */
    static final Signal EMPTY = new Signal("EMPTY");
    /** The deadline passed. */
    static final Signal TIMEOUT = new Signal("TIMEOUT");
    /** Empty and disconnected. */
    static final Signal DISCONNECTED = new Signal("DISCONNECTED");

    private final String name;

    private Signal(String name) {
        this.name = name;
    }

    static boolean isSignal(Object o) {
        return o instanceof Signal;
    }

    @Override
    public String toString() {
        return name;
    }
}
