package dev.sluice.rsocket;

/**
 * The server refused the caller: the connection's credentials were missing or wrong
 * ({@link Authenticator}), or its principal may not use the route in that direction
 * ({@link Authorizer}). Thrown by the {@link RemoteChannels} factories before any message moved.
 * The message says which and what to change; it never contains credentials.
 */
public class RemoteAccessException extends RemoteChannelException {
    private static final long serialVersionUID = 1L;

    public RemoteAccessException(String route, String address, String what) {
        super(route, address, what, null);
    }
}
