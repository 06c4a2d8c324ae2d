package dev.sluice.rsocket.it;

import dev.sluice.Channel;
import dev.sluice.rsocket.ChannelServer;
import dev.sluice.rsocket.Codec;
import dev.sluice.rsocket.JsonCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process for the cross-process tests, on an ephemeral loopback port (prints "PORT n"):
 * <ul>
 *   <li>"ticks": served; a producer thread sends "0", "1", ... into bounded(16), forever;</li>
 *   <li>"sink": accepted into bounded(4) that nobody reads, so remote senders end up waiting;</li>
 *   <li>"orders": accepted JSON {@link Order}s into bounded(16); a thread prints "GOT item";</li>
 *   <li>"garbage": served; bytes that are neither UTF-8 nor JSON.</li>
 * </ul>
 * It runs until killed or until stdin closes.
 */
public final class ServerProcess {
    public record Order(long id, String item) {
    }

    public static void main(String[] args) throws Exception {
        Channel<String> ticks = Channel.bounded(16);
        Channel<String> sink = Channel.bounded(4);
        Channel<Order> orders = Channel.bounded(16);
        Channel<byte[]> garbage = Channel.bounded(4);
        ChannelServer server = ChannelServer.builder()
                .serve("ticks", ticks.receiver(), Codec.utf8())
                .accept("sink", sink.sender(), Codec.utf8())
                .accept("orders", orders.sender(), JsonCodec.of(Order.class))
                .serve("garbage", garbage.receiver(), Codec.bytes())
                .bind("127.0.0.1", 0);
        Channel<?> keepSinkOpen = sink;          // its receiver stays open and unread
        daemon(() -> {
            for (long i = 0; ; i++) {
                ticks.sender().send(Long.toString(i));
            }
        });
        daemon(() -> {
            for (Order o : orders.receiver()) {
                System.out.println("GOT " + o.item());
            }
        });
        daemon(() -> {
            for (;;) {
                garbage.sender().send(new byte[] {(byte) 0xC3, (byte) 0x28, '{'});
            }
        });
        System.out.println("PORT " + server.port());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        server.close();
        System.out.println("CLOSED " + keepSinkOpen.sender().isDisconnected());
        System.exit(0);
    }

    interface Body {
        void run() throws Exception;
    }

    private static void daemon(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                System.out.println("ENDED " + e);
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
