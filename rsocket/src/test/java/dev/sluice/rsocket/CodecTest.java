package dev.sluice.rsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodecTest {
    record Order(long id, String item) {
    }

    @Test
    void utf8_round_trip() {
        Codec<String> c = Codec.utf8();
        assertEquals("grüße ✓", c.decode(ByteBuffer.wrap(c.encode("grüße ✓"))));
    }

    @Test
    void utf8_rejects_malformed_input_instead_of_replacing_it() {
        CodecException e = assertThrows(CodecException.class,
                () -> Codec.utf8().decode(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x28})));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void bytes_round_trip_copies() {
        byte[] in = {1, 2, 3};
        byte[] out = Codec.bytes().decode(ByteBuffer.wrap(in));
        assertArrayEquals(in, out);
        out[0] = 9;
        assertEquals(1, in[0]);
    }

    @Test
    void json_round_trip() {
        JsonCodec<Order> c = JsonCodec.of(Order.class);
        assertEquals(new Order(7, "widget"), c.decode(ByteBuffer.wrap(c.encode(new Order(7, "widget")))));
        assertEquals("application/json", c.mimeType());
    }

    @Test
    void json_rejects_non_json_wrong_shape_and_null() {
        JsonCodec<Order> c = JsonCodec.of(Order.class);
        for (String bad : new String[] {"not json", "{\"id\":\"x\"}", "null", "[1,2]"}) {
            CodecException e = assertThrows(CodecException.class,
                    () -> c.decode(ByteBuffer.wrap(bad.getBytes(StandardCharsets.UTF_8))), bad);
            assertTrue(e.getMessage().contains(Order.class.getName()), e.getMessage());
        }
    }
}
