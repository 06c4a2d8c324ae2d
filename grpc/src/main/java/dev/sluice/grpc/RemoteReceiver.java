package dev.sluice.grpc;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client end of a {@code Receive} stream: a local channel of {@code capacity} that the
 * application receives from, filled from the wire, with wire demand equal to its free room.
 * <p>Algorithm (credit-based flow control, as RSocket's {@code REQUEST_N} or HTTP/2's window, but
 * in messages): {@code outstanding} credits are granted and not yet used by the server;
 * {@code free = capacity - buffered - outstanding}. Credits are granted when {@code free} reaches
 * half the capacity, or whenever nothing is outstanding and there is room; gRPC's inbound
 * delivery is requested ({@link ClientCall#request}) by the same amount, so gRPC holds at most the
 * granted messages. When the buffer is full and nothing is outstanding, a
 * {@link Sender#watchSendable} watch re-evaluates once the application has taken a message.
 * <p>Invariants: buffered + outstanding &le; capacity, so every arriving message fits
 * ({@code trySend} never finds the buffer full unless the server broke the protocol) and at most
 * {@code capacity} messages are in flight or buffered; {@link ClientCall} methods and the
 * accounting run under one lock that guards no wait. The application closing its receiver (or
 * dropping it) disconnects the buffer, and a {@link Sender#watchDisconnected} watch cancels the
 * call at once; the server then releases its clone.
 */
final class RemoteReceiver<T> extends ClientCall.Listener<byte[]> {
    private final String route;
    private final String address;
    private final Codec<T> codec;
    private final int capacity;
    private final int batch;
    private final Sender<T> in;
    private final ClientCall<byte[], byte[]> call;
    private final Runnable onEnd;
    private final Opening opening = new Opening();
    private final ReentrantLock lock = new ReentrantLock();
    private long outstanding;         // lock
    private boolean watching;         // lock
    private boolean ended;            // lock

    private RemoteReceiver(io.grpc.Channel channel, CallOptions options, String route, String address, int capacity,
                           Codec<T> codec, Sender<T> in, Runnable onEnd) {
        this.route = route;
        this.address = address;
        this.codec = codec;
        this.capacity = capacity;
        this.batch = Math.max(1, capacity / 2);
        this.in = in;
        this.onEnd = onEnd;
        this.call = channel.newCall(Wire.RECEIVE, options);
    }

    static <T> Receiver<T> open(io.grpc.Channel channel, CallOptions options, String route, String address,
                                int capacity, Codec<T> codec, Duration timeout, Runnable onEnd) {
        Channel<T> buffer = Channel.bounded(capacity);
        Receiver<T> out = buffer.receiver();
        RemoteReceiver<T> r = new RemoteReceiver<>(channel, options, route, address, capacity, codec,
                buffer.sender(), onEnd);
        // Before the call starts, while the buffer is surely open: closing (or dropping) the
        // application's receiver cancels the call.
        r.in.watchDisconnected(() -> r.cancel("the receiver was closed"));
        r.lock.lock();
        try {
            Metadata headers = new Metadata();
            headers.put(Wire.ROUTE, route);
            r.call.start(r, headers);
            r.grant();
        } finally {
            r.lock.unlock();
        }
        try {
            r.opening.await(route, address, timeout, () -> r.cancel("no answer from the server"));
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    @Override
    public void onHeaders(Metadata headers) {
        opening.accepted();
    }

    @Override
    public void onMessage(byte[] message) {
        T msg;
        try {
            msg = codec.decode(ByteBuffer.wrap(message));
            if (msg == null) {
                throw new CodecException("the codec decoded a message to null");
            }
        } catch (RuntimeException e) {
            CodecException failure = new CodecException("route '" + route + "' at " + address
                    + ": cannot decode a message: " + e.getMessage(), e);
            fail(failure, "undecodable message");
            return;
        }
        TrySendResult r = in.trySend(msg);
        if (r == TrySendResult.OK) {
            lock.lock();
            try {
                outstanding--;
                grant();
            } finally {
                lock.unlock();
            }
        } else if (r == TrySendResult.FULL) {
            fail(new RemoteChannelException(route, address, null, "the server sent more than was requested", null),
                    "protocol violation");
        } else {
            cancel("the receiver was closed");
        }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        opening.closed(status);
        lock.lock();
        try {
            ended = true;
        } finally {
            lock.unlock();
        }
        if (!in.isClosed()) {
            if (status.isOk()) {
                in.close();               // the served channel's senders are gone: a plain disconnection
            } else {
                in.closeChannel(RemoteChannelException.of(route, address, status));
            }
        }
        onEnd.run();
    }

    /** Grants the free room as credit when it is worth it (see the class comment); under the lock. */
    private void grant() {
        if (ended || in.isClosed() || !in.hasReceivers()) {
            return;
        }
        long free = capacity - in.len() - outstanding;
        if (free > 0 && (free >= batch || outstanding == 0)) {
            outstanding += free;
            call.request((int) free);
            call.sendMessage(Wire.credit((int) free));
        } else if (free <= 0 && outstanding == 0 && !watching) {
            watching = true;
            in.watchSendable(() -> {
                lock.lock();
                try {
                    watching = false;
                    grant();
                } finally {
                    lock.unlock();
                }
            });
        }
    }

    private void cancel(String why) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                call.cancel(why, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream from this side: the application sees {@code cause} after the buffered messages. */
    private void fail(RuntimeException cause, String why) {
        if (!in.isClosed()) {
            in.closeChannel(cause);
        }
        cancel(why);
    }
}
