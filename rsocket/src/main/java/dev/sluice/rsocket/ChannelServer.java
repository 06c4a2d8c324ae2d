package dev.sluice.rsocket;

import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.netty.handler.ssl.SslContext;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.util.EmptyPayload;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpServer;

/**
 * A channel server: several local channels served on one TCP port over RSocket, each under a
 * route name.
 * <pre>{@code
 * Channel<String> jobs = Channel.bounded(64);
 * Channel<String> results = Channel.bounded(64);
 * try (ChannelServer server = ChannelServer.builder()
 *         .serve("jobs", jobs.receiver(), Codec.utf8())       // remote Receivers take from it
 *         .accept("results", results.sender(), Codec.utf8())  // remote Senders put into it
 *         .bind(7000)) {                                      // 127.0.0.1: this host only
 *     for (int i = 0; i < 1000; i++) jobs.sender().send("job " + i);   // waits while consumers are slow
 * }
 * }</pre>
 * <ul>
 *   <li>{@link Builder#serve serve(route, receiver, codec)}: each remote
 *   {@link RemoteChannels#receiver RemoteChannels.receiver} is a request-stream served by its own
 *   {@link Receiver#clone() clone} of {@code receiver}, so remote consumers compete; each is sent
 *   only what it requested, so slow consumers make the local senders wait.</li>
 *   <li>{@link Builder#accept accept(route, sender, codec)}: each remote
 *   {@link RemoteChannels#sender RemoteChannels.sender} is a request-channel fed into a clone of
 *   {@code sender}; the server requests from the wire only while the channel has room.</li>
 * </ul>
 * <b>Closed to strangers</b>: {@link Builder#bind(int)} listens on the loopback interface only.
 * Any other address needs TLS ({@link Builder#tls}, a Netty {@code SslContext}; mutual TLS with
 * a trust manager and {@code ClientAuth.REQUIRE}) and an
 * {@link Builder#authenticate authentication hook}, checked on each connection's {@code SETUP}
 * before it can open a stream, with {@link Builder#authorize per-route, per-direction
 * authorization} checked before each stream starts; {@link Builder#allowInsecure()} waives that
 * for a trusted network.
 * <p>The server owns the handles it is given and closes them when it closes (see
 * {@link Builder#serveUntilIdle} for a route that ends with its last subscriber). Closing the
 * server closes every connection: remote handles see disconnection with a
 * {@link RemoteChannelException} as the cause.
 */
public final class ChannelServer implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final String NO_ROUTE = "the stream names no route (composite metadata with a "
            + "message/x.rsocket.routing.v0 entry)";

    private final Map<String, ServedRoute<?>> served;
    private final Map<String, AcceptedRoute<?>> accepted;
    private final Set<RSocket> connections = ConcurrentHashMap.newKeySet();
    private final CloseableChannel channel;
    private volatile boolean closed;

    private final @Nullable Authenticator authenticator;
    private final Authorizer authorizer;

    private ChannelServer(Builder b, String host, int port) {
        this.served = Map.copyOf(b.served);
        this.accepted = Map.copyOf(b.accepted);
        this.authenticator = b.authenticator;
        this.authorizer = b.authorizer;
        TcpServer tcp = TcpServer.create().host(host).port(port);
        SslContext tls = b.tls;
        if (tls != null) {
            tcp = tcp.secure(spec -> spec.sslContext(tls)).doOnConnection(PeerCertificates::install);
        }
        this.channel = RSocketServer.create(this::acceptConnection)
                .payloadDecoder(PayloadDecoder.DEFAULT)
                .fragment(RemoteOptions.FRAGMENT_SIZE)
                .maxInboundPayloadSize(RemoteOptions.inboundLimit(b.maxMessageSize))
                .bind(TcpServerTransport.create(tcp))
                .block(b.bindTimeout);
    }

    /** A builder of a server; add routes, then {@link Builder#bind bind}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the ephemeral one if it was bound to port 0). */
    public int port() {
        return channel.address().getPort();
    }

    /** The {@code host:port} the server listens on. */
    public String address() {
        return channel.address().getHostString() + ":" + port();
    }

    /** The remote receivers currently subscribed to a served route. */
    public int subscribers(String route) {
        return servedRoute(route).subscribers();
    }

    /**
     * Messages of a served route taken from its channel and handed to RSocket so far. A message
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

    /**
     * Stops listening, closes every connection (remote handles see disconnection) and closes the
     * handles the server was given. The clones that open streams hold are released as their
     * cancellations arrive, asynchronously (milliseconds). Idempotent; waits at most 10 s for
     * the listening socket.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.dispose();
        for (RSocket connection : connections) {
            connection.dispose();
        }
        served.values().forEach(ServedRoute::close);
        accepted.values().forEach(AcceptedRoute::close);
        channel.onClose().onErrorResume(e -> Mono.empty()).block(CLOSE_TIMEOUT);
    }

    @Override
    public String toString() {
        return "ChannelServer{" + (closed ? "closed" : address()) + ", serves " + served.keySet()
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

    // ==== Connections ====

    /**
     * RSocket's {@code SocketAcceptor}: authenticates the connection from its SETUP frame before
     * it can open any stream; a refusal is {@link RejectedSetupException} (RSocket's
     * {@code REJECTED_SETUP}), whose message names what is missing, never what was presented.
     */
    private Mono<RSocket> acceptConnection(ConnectionSetupPayload setup, RSocket peer) {
        // RSocketServer releases the setup payload itself once this returns (doFinally)
        String token = Access.bearerToken(setup);
        boolean presented = token != null;
        String principal = authenticate(new PresentedCredentials(token, PeerCertificates.current()));
        if (closed) {
            return Mono.error(new IllegalStateException("server is closed"));
        }
        if (principal == null) {
            return Mono.error(new RejectedSetupException(Access.unauthenticated(presented)));
        }
        connections.add(peer);
        peer.onClose().doFinally(s -> connections.remove(peer)).subscribe(v -> { }, e -> { });
        return Mono.just(new Handler(principal));
    }

    private @Nullable String authenticate(PresentedCredentials credentials) {
        if (authenticator == null) {
            return "anonymous";
        }
        try {
            return authenticator.authenticate(credentials);
        } catch (RuntimeException e) {
            return null;       // a failing hook refuses; its exception might quote the credentials
        }
    }

    /**
     * The responder of one authenticated connection: authorizes each stream for its principal
     * (before the route is looked up, so a refused caller learns no route names), then routes it
     * by its metadata.
     */
    private final class Handler implements RSocket {
        private final String principal;

        Handler(String principal) {
            this.principal = principal;
        }

        private boolean allows(String route, Direction direction) {
            return authorizer.allows(principal, route, direction);
        }

        /** The question a remote handle asks before opening its stream (see {@link Access}). */
        @Override
        public Mono<Payload> requestResponse(Payload question) {
            String route;
            Direction direction;
            try {
                route = Routing.routeOf(question);
                direction = Access.directionOf(question);
            } finally {
                question.release();
            }
            if (route == null || direction == null) {
                return Mono.error(new IllegalArgumentException("not a sluice access question"));
            }
            return allows(route, direction) ? Mono.just(EmptyPayload.INSTANCE)
                    : Mono.error(Access.denied(principal, route, direction));
        }

        @Override
        public Flux<Payload> requestStream(Payload payload) {
            String route;
            try {
                route = Routing.routeOf(payload);
            } finally {
                payload.release();
            }
            if (route == null) {
                return Flux.error(new IllegalArgumentException(NO_ROUTE));
            }
            if (!allows(route, Direction.RECEIVE)) {
                return Flux.error(Access.denied(principal, route, Direction.RECEIVE));
            }
            ServedRoute<?> r = served.get(route);
            if (r == null) {
                return Flux.error(new IllegalArgumentException("no served route '" + route
                        + "' (request-stream routes: " + served.keySet() + ")"));
            }
            return r.stream();
        }

        @Override
        public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
            return Flux.from(payloads).switchOnFirst((first, inbound) -> {
                if (!first.hasValue()) {
                    return inbound.thenMany(Flux.<Payload>empty());
                }
                String route = Routing.routeOf(first.get());
                if (route == null) {
                    return Flux.error(new IllegalArgumentException(NO_ROUTE));
                }
                if (!allows(route, Direction.SEND)) {
                    return Flux.error(Access.denied(principal, route, Direction.SEND));
                }
                AcceptedRoute<?> r = accepted.get(route);
                if (r == null) {
                    return Flux.error(new IllegalArgumentException("no accepted route '" + route
                            + "' (request-channel routes: " + accepted.keySet() + ")"));
                }
                return r.accept(inbound);
            });
        }
    }

    // ==== Builder ====

    /** Collects the routes of a {@link ChannelServer}. */
    public static final class Builder {
        private final Map<String, ServedRoute<?>> served = new LinkedHashMap<>();
        private final Map<String, AcceptedRoute<?>> accepted = new LinkedHashMap<>();
        private Duration bindTimeout = Duration.ofSeconds(10);
        private int maxMessageSize = RemoteOptions.DEFAULT_MAX_MESSAGE_SIZE;
        private @Nullable SslContext tls;
        private @Nullable Authenticator authenticator;
        private Authorizer authorizer = Authorizer.allowAll();
        private boolean allowInsecure;

        private Builder() {
        }

        /**
         * Serves {@code receiver}'s channel under {@code route}: every remote receiver competes
         * with the others for its messages. The server owns {@code receiver} and keeps it open
         * until it closes, so the channel stays open while no remote receiver is connected
         * (its senders then wait once it is full).
         */
        public <T> Builder serve(String route, Receiver<T> receiver, Codec<T> codec) {
            return addServed(route, receiver, codec, false);
        }

        /**
         * As {@link #serve}, but the server closes {@code receiver} as soon as the first remote
         * receiver has its own clone: when the last remote receiver is gone and no local receiver
         * remains, the channel is disconnected and its senders fail, as they would if the last
         * local receiver had closed. Messages that arrive before the first remote receiver wait
         * in the channel.
         */
        public <T> Builder serveUntilIdle(String route, Receiver<T> receiver, Codec<T> codec) {
            return addServed(route, receiver, codec, true);
        }

        /**
         * Accepts remote senders into {@code sender}'s channel under {@code route}. The server
         * owns {@code sender} and closes it when it closes.
         */
        public <T> Builder accept(String route, Sender<T> sender, Codec<T> codec) {
            checkRoute(route, accepted);
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(codec, "codec");
            accepted.put(route, new AcceptedRoute<>(route, sender, codec));
            return this;
        }

        /** How long {@link #bind} waits for the port (default 10 s). */
        public Builder bindTimeout(Duration timeout) {
            this.bindTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The largest message, in bytes, the server accepts from remote senders (default
         * {@link RemoteOptions#DEFAULT_MAX_MESSAGE_SIZE}, 64 MiB; never below RSocket's 16 MiB
         * frame); keep it at least as large as the senders' {@link RemoteOptions#maxMessageSize()}. Messages travel in fragments of
         * {@link RemoteOptions#FRAGMENT_SIZE}.
         *
         * @throws IllegalArgumentException if {@code bytes < RemoteOptions.MIN_MESSAGE_SIZE}
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = RemoteOptions.checkMaxMessageSize(bytes);
            return this;
        }

        /**
         * TLS on every connection, configured the Netty way: a server {@code SslContext}, e.g.
         * {@code SslContextBuilder.forServer(certChain, key).build()}; for mutual TLS add
         * {@code .trustManager(clientCa).clientAuth(ClientAuth.REQUIRE)}, and a client without a
         * trusted certificate fails the handshake before RSocket sees a frame. Default: plaintext
         * (allowed on loopback only, see {@link #bind(String, int)}).
         * @throws IllegalArgumentException if {@code sslContext} is a client context
         */
        public Builder tls(SslContext sslContext) {
            Objects.requireNonNull(sslContext, "sslContext");
            if (!sslContext.isServer()) {
                throw new IllegalArgumentException("a server needs a server SslContext (SslContextBuilder.forServer)");
            }
            this.tls = sslContext;
            return this;
        }

        /**
         * The authentication hook, checked on each connection's SETUP frame before it can open a
         * stream; without one, every connection is the principal {@code "anonymous"} (allowed on
         * loopback only, see {@link #bind(String, int)}).
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
         * Lets {@link #bind(String, int)} listen on an address other than loopback without TLS or
         * without an authentication hook: anyone who reaches the port can then drain the served
         * channels and write into the accepted ones. For a network you trust as much as this host.
         */
        public Builder allowInsecure() {
            this.allowInsecure = true;
            return this;
        }

        /** Listens on {@code 127.0.0.1:port} ({@code 0} = an ephemeral port): reachable from this host only. */
        public ChannelServer bind(int port) {
            return bind("127.0.0.1", port);
        }

        /**
         * Starts listening on {@code host:port} ({@code 0} = an ephemeral port, see
         * {@link ChannelServer#port()}). On a loopback address anything goes; on any other
         * ({@code "0.0.0.0"} is every interface) the server must have {@link #tls TLS} and an
         * {@link #authenticate authentication hook}, unless {@link #allowInsecure()} was called.
         * @throws IllegalStateException if a non-loopback server lacks TLS or authentication
         */
        public ChannelServer bind(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (!allowInsecure && (tls == null || authenticator == null) && !isLoopback(host)) {
                throw new IllegalStateException("refusing to bind " + host + ":" + port + " without "
                        + (tls == null ? (authenticator == null ? "TLS and authentication" : "TLS") : "authentication")
                        + ": anyone reaching it could read and write the channels. Add tls(SslContext) and"
                        + " authenticate(Authenticator), bind to loopback (bind(port)), or, on a trusted network,"
                        + " call allowInsecure()");
            }
            return new ChannelServer(this, host, port);
        }

        private static boolean isLoopback(String host) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private <T> Builder addServed(String route, Receiver<T> receiver, Codec<T> codec, boolean untilIdle) {
            checkRoute(route, served);
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(codec, "codec");
            served.put(route, new ServedRoute<>(route, receiver, codec, untilIdle));
            return this;
        }

        private static void checkRoute(String route, Map<String, ?> routes) {
            Objects.requireNonNull(route, "route");
            if (route.isEmpty()) {
                throw new IllegalArgumentException("route must not be empty");
            }
            if (routes.containsKey(route)) {
                throw new IllegalArgumentException("route '" + route + "' is already defined");
            }
        }
    }
}
