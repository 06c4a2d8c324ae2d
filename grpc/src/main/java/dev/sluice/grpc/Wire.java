package dev.sluice.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The wire protocol: two bidirectional-streaming methods of one service, with raw bytes on both
 * sides, declared by hand (no generated code, no protoc).
 * <ul>
 *   <li>{@code dev.sluice.Channels/Receive}: the client sends <em>credits</em>, the server sends
 *   messages of the route, never more than the credits granted so far.</li>
 *   <li>{@code dev.sluice.Channels/Send}: the server sends credits, the client sends messages,
 *   never more than the credits granted so far.</li>
 * </ul>
 * The route travels in the {@code sluice-route} request header, so that an interceptor can
 * authenticate and authorize the call (route and direction) before a message moves. A credit is
 * a 4-byte big-endian positive count of messages. gRPC's own flow control counts bytes (an HTTP/2
 * window, about 1 MiB by default); the credits bound what is in flight in messages, so that
 * "at most {@code capacity} in flight" holds whatever the message size.
 */
final class Wire {
    static final String SERVICE = "dev.sluice.Channels";

    static final Metadata.Key<String> ROUTE = Metadata.Key.of("sluice-route", Metadata.ASCII_STRING_MARSHALLER);

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<byte[], byte[]> RECEIVE = method("Receive");
    static final MethodDescriptor<byte[], byte[]> SEND = method("Send");

    /** The default largest encoded message, gRPC's default inbound limit: 4 MiB. */
    static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    private Wire() {
    }

    private static MethodDescriptor<byte[], byte[]> method(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    static byte[] credit(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** The count of a credit message; -1 if it is not one. */
    static int credit(byte[] m) {
        if (m.length != 4) {
            return -1;
        }
        int n = (m[0] & 0xff) << 24 | (m[1] & 0xff) << 16 | (m[2] & 0xff) << 8 | (m[3] & 0xff);
        return n > 0 ? n : -1;
    }

    /** Route names travel as an ASCII header value: printable ASCII, not empty. */
    static String checkRoute(String route) {
        if (route == null) {
            throw new NullPointerException("route");
        }
        if (route.isEmpty()) {
            throw new IllegalArgumentException("route must not be empty");
        }
        for (int i = 0; i < route.length(); i++) {
            char c = route.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("route '" + route
                        + "' must be printable ASCII without spaces (it travels as a gRPC header)");
            }
        }
        return route;
    }

    /** The direction of a call, from its method. */
    static Direction direction(String fullMethodName) {
        if (RECEIVE.getFullMethodName().equals(fullMethodName)) {
            return Direction.RECEIVE;
        }
        if (SEND.getFullMethodName().equals(fullMethodName)) {
            return Direction.SEND;
        }
        return null;
    }
}
