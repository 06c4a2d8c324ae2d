package dev.sluice.grpc;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.util.Map;

/**
 * Channels served as a gRPC service, to add to an application's own {@link io.grpc.Server}
 * ({@code serverBuilder.addService(service)}): the routes, the authentication and authorization
 * of a {@link ChannelServer.Builder}, without a port of its own. TLS, the port, the executor and
 * the inbound message size limit are then the application server's (keep its
 * {@code maxInboundMessageSize} at least {@link ChannelServer.Builder#maxMessageSize}; allow the
 * clients' keepalive pings, every 10 s, with {@code permitKeepAliveTime(5, SECONDS)}).
 * <pre>{@code
 * ChannelService channels = ChannelServer.builder()
 *         .serve("jobs", jobs.receiver(), Codec.utf8())
 *         .authenticate(Authenticator.bearerTokens(tokens))
 *         .service();
 * Server server = Grpc.newServerBuilderForPort(8443, tlsCredentials)
 *         .addService(channels).addService(myOtherService).build().start();
 * }</pre>
 * The service owns the handles it was given: {@link #close()} ends every stream (remote handles
 * see disconnection with an {@code UNAVAILABLE} {@link RemoteChannelException}) and closes them.
 */
public final class ChannelService implements BindableService, AutoCloseable {
    private final Map<String, ServedRoute<?>> served;
    private final Map<String, AcceptedRoute<?>> accepted;
    private final AccessInterceptor access;
    private volatile boolean closed;

    ChannelService(Map<String, ServedRoute<?>> served, Map<String, AcceptedRoute<?>> accepted, AccessInterceptor access) {
        this.served = Map.copyOf(served);
        this.accepted = Map.copyOf(accepted);
        this.access = access;
    }

    @Override
    public ServerServiceDefinition bindService() {
        ServerServiceDefinition definition = ServerServiceDefinition.builder(Wire.SERVICE)
                .addMethod(Wire.RECEIVE, new Handler(true))
                .addMethod(Wire.SEND, new Handler(false))
                .build();
        return ServerInterceptors.intercept(definition, access);
    }

    /** The remote receivers currently connected to a served route. */
    public int subscribers(String route) {
        return servedRoute(route).subscribers();
    }

    /**
     * Messages of a served route taken from its channel and handed to gRPC so far. A message
     * counted here is in flight until the remote receiver takes it: on connection loss the
     * remote's unread ones are lost (at-most-once, see {@link RemoteChannels}).
     */
    public long sent(String route) {
        return servedRoute(route).sent();
    }

    /** The remote senders currently connected to an accepted route. */
    public int senders(String route) {
        return acceptedRoute(route).senders();
    }

    /** Messages of an accepted route decoded from the wire so far (each then put into its channel). */
    public long received(String route) {
        return acceptedRoute(route).received();
    }

    /** Ends every stream ({@code UNAVAILABLE}) and closes the handles it was given. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Status shutdown = Status.UNAVAILABLE.withDescription("channel server closed");
        served.values().forEach(r -> r.close(shutdown));
        accepted.values().forEach(r -> r.close(shutdown));
    }

    @Override
    public String toString() {
        return "ChannelService{" + (closed ? "closed, " : "") + "serves " + served.keySet()
                + ", accepts " + accepted.keySet() + "}";
    }

    private ServedRoute<?> servedRoute(String route) {
        ServedRoute<?> r = served.get(route);
        if (r == null) {
            throw new IllegalArgumentException("no served route '" + route + "'");
        }
        return r;
    }

    private AcceptedRoute<?> acceptedRoute(String route) {
        AcceptedRoute<?> r = accepted.get(route);
        if (r == null) {
            throw new IllegalArgumentException("no accepted route '" + route + "'");
        }
        return r;
    }

    /** Routes each call of one method by its {@code sluice-route} header (already authorized). */
    private final class Handler implements ServerCallHandler<byte[], byte[]> {
        private final boolean receive;

        Handler(boolean receive) {
            this.receive = receive;
        }

        @Override
        public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
            String route = headers.get(Wire.ROUTE);
            if (closed) {
                return refuse(call, Status.UNAVAILABLE.withDescription("channel server closed"));
            }
            if (receive) {
                ServedRoute<?> r = route == null ? null : served.get(route);
                if (r == null) {
                    return refuse(call, Status.NOT_FOUND.withDescription("no served route '" + route
                            + "' to receive from (served routes: " + served.keySet() + ")"));
                }
                return r.start(call);
            }
            AcceptedRoute<?> r = route == null ? null : accepted.get(route);
            if (r == null) {
                return refuse(call, Status.NOT_FOUND.withDescription("no accepted route '" + route
                        + "' to send to (accepted routes: " + accepted.keySet() + ")"));
            }
            return r.start(call);
        }

        private ServerCall.Listener<byte[]> refuse(ServerCall<byte[], byte[]> call, Status status) {
            call.close(status, new Metadata());
            return new ServerCall.Listener<>() { };
        }
    }
}
