package dev.sluice.rsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.rsocket.it.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large remote messages: anything up to the documented maximum message size crosses the wire in
 * fragments (above RSocket's 16 MiB frame limit too); a larger one ends the stream with a clear
 * cause and reaches {@code onLost}, never silently disappears.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";
    /** Above RSocket's largest unfragmented frame (16 MiB - 1), below the default maximum (64 MiB). */
    private static final int LARGE = (16 << 20) + 4096;

    private static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i += 997) {
            b[i] = (byte) (i * 31 + seed);
        }
        b[size - 1] = (byte) seed;
        return b;
    }

    @Test
    @DisplayName("a message above RSocket's frame limit and below the maximum size reaches the server intact")
    void a_large_message_from_a_remote_sender_arrives_in_fragments() throws Exception {
        Channel<byte[]> ch = Channel.bounded(2);
        List<byte[]> lost = new CopyOnWriteArrayList<>();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.bytes()).bind(HOST, 0);
             Sender<byte[]> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.bytes(), 2, lost::add,
                     RemoteOptions.defaults())) {
            byte[] big = payload(LARGE, 7);
            tx.send(big);
            tx.send(new byte[] {1});
            Receiver<byte[]> rx = ch.receiver();
            assertArrayEquals(big, rx.recvTimeout(WAIT).value());
            assertArrayEquals(new byte[] {1}, rx.recvTimeout(WAIT).value());
            assertEquals(List.of(), lost);
        }
    }

    @Test
    @DisplayName("a served message above RSocket's frame limit reaches a remote receiver intact")
    void a_large_message_to_a_remote_receiver_arrives_in_fragments() throws Exception {
        Channel<byte[]> ch = Channel.bounded(2);
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.bytes()).bind(HOST, 0);
             Receiver<byte[]> rx = RemoteChannels.receiver(HOST, server.port(), "r", 1, Codec.bytes())) {
            byte[] big = payload(LARGE, 3);
            ch.sender().send(big);
            assertArrayEquals(big, rx.recvTimeout(WAIT).value());
        }
    }

    @Test
    @DisplayName("a message above the maximum size goes to onLost and later sends fail with a cause naming the size")
    void a_message_above_the_maximum_reaches_on_lost_with_a_clear_cause() throws Exception {
        int max = 1 << 20;
        Channel<byte[]> ch = Channel.bounded(8);
        List<byte[]> lost = new CopyOnWriteArrayList<>();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.bytes()).bind(HOST, 0);
             Sender<byte[]> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.bytes(), 4, lost::add,
                     RemoteOptions.defaults().withMaxMessageSize(max))) {
            byte[] fits = payload(max, 1);
            byte[] tooBig = payload(max + 1, 2);
            tx.send(fits);
            assertArrayEquals(fits, ch.receiver().recvTimeout(WAIT).value(), "a message of exactly the maximum is sent");
            tx.send(tooBig);                               // accepted by the local buffer ...
            Await.until("the refused message reported lost", WAIT, () -> !lost.isEmpty());
            assertSame(tooBig, lost.get(0), "... and handed back through onLost, not lost silently");
            Await.until("sender disconnected", WAIT, tx::isDisconnected);
            SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> tx.send(new byte[] {1}));
            CodecException cause = assertInstanceOf(CodecException.class, e.getCause());
            assertTrue(cause.getMessage().contains((max + 1) + " bytes")
                    && cause.getMessage().contains("maximum message size of " + max), cause.getMessage());
            assertEquals(null, ch.receiver().poll(), "the server never got the refused message");
        }
    }

    @Test
    @DisplayName("a maximum message size below RSocket's smallest frame is refused at once")
    void a_tiny_maximum_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> RemoteOptions.defaults().withMaxMessageSize(10));
        assertThrows(IllegalArgumentException.class, () -> ChannelServer.builder().maxMessageSize(0));
    }
}
