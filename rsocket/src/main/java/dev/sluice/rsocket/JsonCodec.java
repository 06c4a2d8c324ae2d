package dev.sluice.rsocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A JSON {@link Codec} on Jackson. {@code jackson-databind} is an <em>optional</em> dependency of
 * sluice-rsocket: add it to your build to use this class (nothing else touches Jackson).
 * <pre>{@code
 * record Order(long id, String item) {}
 * Codec<Order> codec = JsonCodec.of(Order.class);
 * }</pre>
 * Data that is not JSON, or JSON that does not bind to the type (unknown properties included, as
 * Jackson's default), is a {@link CodecException} naming the type.
 * @param <T> the message type
 */
public final class JsonCodec<T> implements Codec<T> {
    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper().findAndRegisterModules();

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonCodec(ObjectMapper mapper, Class<T> type) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /** A codec for {@code type} with a default {@code ObjectMapper} (modules found on the class path). */
    public static <T> JsonCodec<T> of(Class<T> type) {
        return of(DEFAULT_MAPPER, type);
    }

    /** A codec for {@code type} with the given, already configured mapper. */
    public static <T> JsonCodec<T> of(ObjectMapper mapper, Class<T> type) {
        return new JsonCodec<>(Objects.requireNonNull(mapper, "mapper"), Objects.requireNonNull(type, "type"));
    }

    @Override
    public byte[] encode(T message) {
        try {
            return writer.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + type.getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw new CodecException("JSON null is not a " + type.getName() + " (channels carry no nulls)");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CodecException("payload is not a JSON " + type.getName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException("payload is not a JSON " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String mimeType() {
        return "application/json";
    }
}
