package dev.sluice.rsocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * The client certificates TLS verified, handed to the {@code SocketAcceptor}, which rsocket-java
 * does not give the connection. A handler right after the {@link SslHandler} of each TLS
 * connection publishes the connection's verified peer chain in a thread-local for exactly the
 * duration of each decrypted read it passes on. Reactor Netty hands a read to rsocket on the same
 * event-loop thread, within that call, and rsocket decodes the SETUP frame and calls the acceptor
 * synchronously there, so {@link #current()} inside the acceptor is the chain of the connection
 * being set up; outside a read it is {@code null}. Invariant: the thread-local is cleared when the
 * read returns, so no chain outlives the read or leaks to another connection on the same thread.
 * (If a future rsocket-java deferred the acceptor, {@link #current()} would be {@code null} and
 * {@link Authenticator#clientCertificate()} would refuse: fail closed.)
 */
final class PeerCertificates extends ChannelInboundHandlerAdapter {
    private static final ThreadLocal<Certificate @Nullable []> CURRENT = new ThreadLocal<>();

    private final SslHandler ssl;

    private PeerCertificates(SslHandler ssl) {
        this.ssl = ssl;
    }

    /** Adds the handler after the connection's {@link SslHandler}, if it has one. */
    static void install(Connection connection) {
        var pipeline = connection.channel().pipeline();
        var sslContext = pipeline.context(SslHandler.class);
        if (sslContext != null) {
            pipeline.addAfter(sslContext.name(), "sluice.peerCertificates",
                    new PeerCertificates((SslHandler) sslContext.handler()));
        }
    }

    /** The verified client chain of the connection whose read this thread is handling, or {@code null}. */
    static Certificate @Nullable [] current() {
        return CURRENT.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        CURRENT.set(peer());
        try {
            ctx.fireChannelRead(msg);
        } finally {
            CURRENT.remove();
        }
    }

    private Certificate @Nullable [] peer() {
        try {
            return ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }
}
