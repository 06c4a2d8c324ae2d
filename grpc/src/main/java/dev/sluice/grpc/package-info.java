/**
 * Channels across processes over gRPC: {@link dev.sluice.grpc.ChannelServer} (or
 * {@link dev.sluice.grpc.ChannelService} in an application's own gRPC server) serves local
 * channels under route names, and {@link dev.sluice.grpc.RemoteChannels} gives other processes
 * ordinary {@code Receiver}s and {@code Sender}s of them, with message-counted backpressure in
 * both directions, TLS, and per-route, per-direction access control. The same concepts and
 * failure semantics as {@code dev.sluice.rsocket}.
 */
@NullMarked
package dev.sluice.grpc;

import org.jspecify.annotations.NullMarked;
