package dev.sluice.grpc;

import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A channel server on its own port: several local channels served over gRPC, each under a route
 * name; the same concepts as {@code dev.sluice.rsocket.ChannelServer}.
 * <pre>{@code
 * Channel<String> jobs = Channel.bounded(64);
 * Channel<String> results = Channel.bounded(64);
 * try (ChannelServer server = ChannelServer.builder()
 *         .serve("jobs", jobs.receiver(), Codec.utf8())       // remote Receivers take from it
 *         .accept("results", results.sender(), Codec.utf8())  // remote Senders put into it
 *         .bind(7000)) {                                       // 127.0.0.1:7000, plaintext
 *     for (int i = 0; i < 1000; i++) jobs.sender().send("job " + i);   // waits while consumers are slow
 * }
 * }</pre>
 * <ul>
 *   <li>{@link Builder#serve serve(route, receiver, codec)}: each remote
 *   {@link RemoteChannels#receiver RemoteChannels.receiver} gets its own
 *   {@link Receiver#clone() clone} of {@code receiver}, so remote consumers compete; each is sent
 *   only what it has room for, so slow consumers make the local senders wait.</li>
 *   <li>{@link Builder#accept accept(route, sender, codec)}: each remote
 *   {@link RemoteChannels#sender RemoteChannels.sender} feeds a clone of {@code sender}; it may
 *   send only as many messages as the server granted, and the server grants only as the channel
 *   takes them.</li>
 * </ul>
 * <b>Closed to strangers</b>: {@link Builder#bind(int)} listens on the loopback interface only;
 * another interface needs {@link Builder#bind(String, int)} and, off a trusted host, TLS
 * ({@link Builder#credentials} with gRPC's {@code TlsServerCredentials}) and an
 * {@link Builder#authenticate authentication hook} with {@link Builder#authorize per-route
 * authorization}. To share an existing gRPC server instead of owning a port, take
 * {@link Builder#service()}.
 * <p>The server owns the handles it is given and closes them when it closes. Closing the server
 * ends every stream: remote handles see disconnection with a {@link RemoteChannelException}
 * ({@code UNAVAILABLE}) as the cause.
 */
public final class ChannelServer implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final ChannelService service;
    private final Server server;
    private final String host;
    private volatile boolean closed;

    private ChannelServer(ChannelService service, Server server, String host) {
        this.service = service;
        this.server = server;
        this.host = host;
    }

    /** A builder of a server; add routes, then {@link Builder#bind bind} or take the {@link Builder#service service}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the ephemeral one if it was bound to port 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** The {@code host:port} the server listens on. */
    public String address() {
        return host + ":" + port();
    }

    /** The service that this server runs (its route statistics). */
    public ChannelService service() {
        return service;
    }

    /** The remote receivers currently connected to a served route. */
    public int subscribers(String route) {
        return service.subscribers(route);
    }

    /** Messages of a served route taken from its channel and handed to gRPC (see {@link ChannelService#sent}). */
    public long sent(String route) {
        return service.sent(route);
    }

    /** The remote senders currently connected to an accepted route. */
    public int senders(String route) {
        return service.senders(route);
    }

    /** Messages of an accepted route decoded from the wire so far. */
    public long received(String route) {
        return service.received(route);
    }

    /**
     * Ends every stream ({@code UNAVAILABLE} on the clients), closes the handles the server was
     * given, then stops listening and closes the connections. Idempotent; waits at most 10 s.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        service.close();
        server.shutdown();
        try {
            if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ChannelServer{" + (closed ? "closed" : address()) + ", " + service + "}";
    }

    // ==== Builder ====

    /** Collects the routes, the access rules and the limits of a {@link ChannelServer} or {@link ChannelService}. */
    public static final class Builder {
        private final Map<String, Receiver<?>> served = new LinkedHashMap<>();
        private final Map<String, Codec<?>> servedCodecs = new LinkedHashMap<>();
        private final Map<String, AcceptedRoute<?>> accepted = new LinkedHashMap<>();
        private ServerCredentials credentials = InsecureServerCredentials.create();
        private Authenticator authenticator = credentials -> "anonymous";
        private Authorizer authorizer = Authorizer.allowAll();
        private int maxMessageSize = Wire.DEFAULT_MAX_MESSAGE_SIZE;
        private boolean built;

        private Builder() {
        }

        /**
         * Serves {@code receiver}'s channel under {@code route} (printable ASCII): each remote
         * receiver competes for its messages through its own clone. The server owns
         * {@code receiver} and closes it when it closes.
         */
        public <T> Builder serve(String route, Receiver<T> receiver, Codec<T> codec) {
            checkRoute(route, served.containsKey(route));
            served.put(route, Objects.requireNonNull(receiver, "receiver"));
            servedCodecs.put(route, Objects.requireNonNull(codec, "codec"));
            return this;
        }

        /**
         * Accepts remote senders into {@code sender}'s channel under {@code route}: each feeds its
         * own clone. The server owns {@code sender} and closes it when it closes.
         */
        public <T> Builder accept(String route, Sender<T> sender, Codec<T> codec) {
            checkRoute(route, accepted.containsKey(route));
            accepted.put(route, new AcceptedRoute<>(route, Objects.requireNonNull(sender, "sender"),
                    Objects.requireNonNull(codec, "codec")));
            return this;
        }

        /**
         * The authentication hook, checked for every stream before any message moves; without
         * one, every caller is the principal {@code "anonymous"}.
         */
        public Builder authenticate(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Per-route, per-direction authorization of authenticated callers; default: everything allowed. */
        public Builder authorize(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * The transport security of {@link #bind}: gRPC's {@code TlsServerCredentials} (server
         * TLS; with {@code clientAuth(REQUIRE)} and trust roots, mutual TLS). Default: plaintext.
         */
        public Builder credentials(ServerCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The largest encoded message, in bytes (default 4 MiB, gRPC's default): a served message
         * that encodes larger ends its stream with {@code RESOURCE_EXHAUSTED}; a bound server
         * refuses larger inbound messages. Remote handles check their own limit
         * ({@link RemoteOptions#maxMessageSize}) before sending.
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be > 0, was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Listens on {@code 127.0.0.1:port} (0 = an ephemeral port): reachable from this host only. */
        public ChannelServer bind(int port) {
            return bind("127.0.0.1", port);
        }

        /**
         * Listens on {@code host:port}; {@code "0.0.0.0"} is every interface, so pair it with
         * {@link #credentials TLS} and {@link #authenticate authentication}.
         * @throws UncheckedIOException if the port cannot be bound
         */
        public ChannelServer bind(String host, int port) {
            Objects.requireNonNull(host, "host");
            ChannelService service = service();
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                    .addService(service)
                    .directExecutor()                          // the handlers never block
                    .maxInboundMessageSize(maxMessageSize)
                    .permitKeepAliveTime(RemoteOptions.MIN_KEEPALIVE.toSeconds() / 2, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build();
            try {
                server.start();
            } catch (IOException e) {
                service.close();
                throw new UncheckedIOException("cannot bind a channel server to " + host + ":" + port, e);
            }
            return new ChannelServer(service, server, host);
        }

        /** The routes as a service for an application's own gRPC server (no port of its own). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public ChannelService service() {
            if (built) {
                throw new IllegalStateException("this builder already built a server or service (it owns its handles)");
            }
            built = true;
            Map<String, ServedRoute<?>> routes = new LinkedHashMap<>();
            served.forEach((route, rx) -> routes.put(route,
                    new ServedRoute(route, rx, servedCodecs.get(route), maxMessageSize)));
            return new ChannelService(routes, accepted, new AccessInterceptor(authenticator, authorizer));
        }

        private static void checkRoute(String route, boolean defined) {
            Wire.checkRoute(route);
            if (defined) {
                throw new IllegalArgumentException("route '" + route + "' is already defined");
            }
        }
    }
}
