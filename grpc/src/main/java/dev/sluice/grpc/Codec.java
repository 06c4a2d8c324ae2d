package dev.sluice.grpc;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A codec turns the messages of a remote channel into gRPC message bytes and back.
 * <pre>{@code
 * Codec<String> text = Codec.utf8();                       // strict UTF-8
 * Codec<byte[]> raw = Codec.bytes();                       // as is
 * }</pre>
 * <p>{@link #decode(ByteBuffer)} runs on a gRPC transport thread for every message, so it must
 * not block; it throws {@link CodecException} for data it cannot read. A decoding failure ends
 * <em>that stream</em> with the exception as its cause (a remote {@code Receiver} sees
 * disconnection with the cause after the messages before it; a remote {@code Sender} sees its
 * channel closed with the server's rejection as the cause); the connection's other streams and the
 * server's other routes carry on. Encoding runs on the thread that took the message from the
 * channel; an encoding failure ends the stream the same way.
 * <p>The same shape as {@code dev.sluice.rsocket.Codec}: a codec written for one transport is
 * written for the other by changing the import.
 * @param <T> the message type
 */
public interface Codec<T> {

    /** The message as payload data; the array is not retained by the caller after the call. */
    byte[] encode(T message);

    /**
     * The message that {@code data} holds (the buffer is only valid during the call).
     * @throws CodecException if {@code data} is not a valid encoding
     */
    T decode(ByteBuffer data);

    /**
     * A MIME type naming the encoding (informative: neither side sends or checks it; the server
     * chooses the codec per route).
     */
    default String mimeType() {
        return "application/octet-stream";
    }

    /** Strict UTF-8 text: malformed input is a {@link CodecException}, not replacement characters. */
    static Codec<String> utf8() {
        return Utf8.INSTANCE;
    }

    /** Raw bytes, copied in and out. */
    static Codec<byte[]> bytes() {
        return Bytes.INSTANCE;
    }

    /** The strict UTF-8 codec. */
    enum Utf8 implements Codec<String> {
        INSTANCE;

        @Override
        public byte[] encode(String message) {
            return message.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(ByteBuffer data) {
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(data);
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new CodecException("payload is not valid UTF-8: " + e, e);
            }
        }

        @Override
        public String mimeType() {
            return "text/plain";
        }
    }

    /** The raw bytes codec. */
    enum Bytes implements Codec<byte[]> {
        INSTANCE;

        @Override
        public byte[] encode(byte[] message) {
            return message;
        }

        @Override
        public byte[] decode(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            return copy;
        }
    }
}
