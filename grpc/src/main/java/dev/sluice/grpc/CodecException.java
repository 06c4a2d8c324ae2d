package dev.sluice.grpc;

/**
 * A payload that a {@link Codec} cannot decode (or a message it cannot encode). It ends the stream
 * that carried it, never the connection.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    public CodecException(String message) {
        super(message);
    }
}
