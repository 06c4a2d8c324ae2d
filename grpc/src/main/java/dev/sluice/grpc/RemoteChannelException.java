package dev.sluice.grpc;

import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * Why a remote channel handle ended or could not start: the connection was lost, the server shut
 * down, refused the caller (not authenticated, not authorized for the route and direction),
 * does not know the route, or rejected a message. It is the {@linkplain Throwable#getCause()
 * cause} of the {@link dev.sluice.DisconnectedException} that a remote {@code Receiver} or
 * {@code Sender} reports, or thrown by the {@link RemoteChannels} factories when the stream cannot
 * be opened. {@link #code()} is the gRPC status code ({@code UNAUTHENTICATED},
 * {@code PERMISSION_DENIED}, {@code NOT_FOUND}, {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED},
 * {@code RESOURCE_EXHAUSTED}, ...). Messages never contain credentials.
 */
public class RemoteChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String route;
    private final String address;
    private final Status.@Nullable Code code;

    public RemoteChannelException(String route, String address, Status.@Nullable Code code, String what,
                                  @Nullable Throwable cause) {
        super("route '" + route + "' at " + address + ": " + what, cause);
        this.route = route;
        this.address = address;
        this.code = code;
    }

    /** From a gRPC status: the message names the code and the server's description. */
    static RemoteChannelException of(String route, String address, Status status) {
        String what = switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> "refused";
            case UNAVAILABLE -> "connection lost or server unavailable";
            case DEADLINE_EXCEEDED -> "deadline exceeded";
            case CANCELLED -> "cancelled";
            default -> "stream ended";
        };
        String description = status.getDescription();
        return new RemoteChannelException(route, address, status.getCode(),
                what + ": " + status.getCode() + (description == null ? "" : " (" + description + ")"),
                status.asRuntimeException());
    }

    /** The route of the remote channel. */
    public String route() {
        return route;
    }

    /** The server's address ({@code host:port}, or the authority of a given gRPC channel). */
    public String address() {
        return address;
    }

    /** The gRPC status code, or {@code null} when the failure was not a gRPC status. */
    public Status.@Nullable Code code() {
        return code;
    }
}
