/**
 * Sluice channels across processes over RSocket: a {@link dev.sluice.rsocket.ChannelServer}
 * serves local channels under route names; {@link dev.sluice.rsocket.RemoteChannels} gives other
 * processes ordinary {@code Receiver}s and {@code Sender}s of them, with the channels' bounded
 * capacity, blocking and competing receivers carried across the network by RSocket's
 * {@code REQUEST_N} demand. Messages are encoded by a {@link dev.sluice.rsocket.Codec}.
 * <p>A server listens on loopback unless told otherwise; elsewhere it needs TLS (a Netty
 * {@code SslContext}) and an {@link dev.sluice.rsocket.Authenticator}, with per-route,
 * per-direction {@link dev.sluice.rsocket.Authorizer authorization}.
 * <p>No public type of this package is a Reactive Streams {@code Publisher} or {@code Subscriber};
 * the streams inside are the bridge's {@code ChannelFlux} adapters (TCK-verified in sluice-reactor)
 * handed to RSocket.
 */
@NullMarked
package dev.sluice.rsocket;

import org.jspecify.annotations.NullMarked;
