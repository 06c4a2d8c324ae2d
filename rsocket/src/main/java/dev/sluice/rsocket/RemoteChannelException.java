package dev.sluice.rsocket;

import org.jspecify.annotations.Nullable;

/**
 * Why a remote channel handle ended: the connection was lost, the server shut down, rejected a
 * payload, or does not know the route. It is the {@linkplain Throwable#getCause() cause} of the
 * {@link dev.sluice.DisconnectedException} that the remote {@code Receiver} or {@code Sender}
 * reports (or thrown by the factories when the connection cannot be made at all).
 */
public class RemoteChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String route;
    private final String address;

    public RemoteChannelException(String route, String address, String what, @Nullable Throwable cause) {
        super("route '" + route + "' at " + address + ": " + what + (cause == null ? "" : " (" + cause + ")"), cause);
        this.route = route;
        this.address = address;
    }

    /** The route of the remote channel. */
    public String route() {
        return route;
    }

    /** The server's {@code host:port}. */
    public String address() {
        return address;
    }
}
