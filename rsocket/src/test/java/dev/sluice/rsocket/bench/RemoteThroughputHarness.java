package dev.sluice.rsocket.bench;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.rsocket.ChannelServer;
import dev.sluice.rsocket.Codec;
import dev.sluice.rsocket.RemoteChannels;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.core.RSocketServer;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A whole-run harness: messages/s over loopback through RemoteChannels (a blocking producer, a
 * served bounded channel, a remote Receiver read by a blocking consumer) against a bare RSocket
 * request-stream of the same payloads (Flux.range on the server, limitRate on the client: the
 * same demand batching), in the same JVM and run, alternating; then the in-flight bound under a
 * slow consumer.
 * <pre>RemoteThroughputHarness [messages=300000] [rounds=5] [payloadBytes=16] [window=256]</pre>
 */
public final class RemoteThroughputHarness {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        byte[] payload = new byte[size];
        System.out.printf("%d messages of %d bytes, window %d (channel capacity = remote capacity = limitRate), %d rounds, %d cores, %s%n",
                n, size, window, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        List<Double> remote = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {                 // round 0 is warm-up
            double a = remoteChannels(n, payload, window);
            double b = bareRSocket(n, payload, window);
            System.out.printf("round %d: RemoteChannels %,.0f msg/s | bare RSocket stream %,.0f msg/s%n", r, a, b);
            if (r > 0) {
                remote.add(a);
                bare.add(b);
            }
        }
        double rm = median(remote);
        double bm = median(bare);
        System.out.printf("median: RemoteChannels %,.0f msg/s, bare RSocket %,.0f msg/s, ratio %.2f%n", rm, bm, rm / bm);
        slowConsumerInFlight(64, 16, 400);
        System.exit(0);
    }

    static double remoteChannels(int n, byte[] payload, int window) throws Exception {
        Channel<byte[]> ch = Channel.bounded(window);
        try (ChannelServer server = ChannelServer.builder().serve("b", ch.receiver(), Codec.bytes()).bind("127.0.0.1", 0);
             Receiver<byte[]> rx = RemoteChannels.receiver("127.0.0.1", server.port(), "b", window, Codec.bytes())) {
            Sender<byte[]> tx = ch.sender();
            long start = System.nanoTime();
            Thread producer = new Thread(() -> {
                try (tx) {
                    for (int i = 0; i < n; i++) {
                        tx.send(payload);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            long got = 0;
            for (byte[] ignored : rx) {
                got++;
            }
            long elapsed = System.nanoTime() - start;
            producer.join();
            if (got != n) {
                throw new AssertionError("got " + got);
            }
            return n / (elapsed / 1e9);
        }
    }

    static double bareRSocket(int n, byte[] payload, int window) {
        CloseableChannel server = RSocketServer.create(SocketAcceptor.forRequestStream(p -> {
                    p.release();
                    return Flux.range(0, n).map(i -> DefaultPayload.create(payload));
                }))
                .payloadDecoder(PayloadDecoder.DEFAULT)
                .bind(TcpServerTransport.create("127.0.0.1", 0)).block(Duration.ofSeconds(10));
        try {
            RSocket client = RSocketConnector.create().payloadDecoder(PayloadDecoder.DEFAULT)
                    .connect(TcpClientTransport.create("127.0.0.1", server.address().getPort())).block(Duration.ofSeconds(10));
            try {
                long start = System.nanoTime();
                Long got = client.requestStream(DefaultPayload.create(new byte[0]))
                        .limitRate(window)
                        .map(p -> {
                            byte[] copy = new byte[p.data().readableBytes()];   // as Codec.bytes() does
                            p.data().readBytes(copy);
                            p.release();
                            return copy;
                        })
                        .count().block(Duration.ofMinutes(2));
                long elapsed = System.nanoTime() - start;
                if (got == null || got != n) {
                    throw new AssertionError("got " + got);
                }
                return n / (elapsed / 1e9);
            } finally {
                client.dispose();
            }
        } finally {
            server.dispose();
        }
    }

    /** A consumer that takes one message per ms: the most messages ever out of the channel and not yet taken. */
    static void slowConsumerInFlight(int remoteCapacity, int serverCapacity, int messages) throws Exception {
        Channel<byte[]> ch = Channel.bounded(serverCapacity);
        try (ChannelServer server = ChannelServer.builder().serve("s", ch.receiver(), Codec.bytes()).bind("127.0.0.1", 0);
             Receiver<byte[]> rx = RemoteChannels.receiver("127.0.0.1", server.port(), "s", remoteCapacity, Codec.bytes())) {
            Sender<byte[]> tx = ch.sender();
            Thread producer = new Thread(() -> {
                try (tx) {
                    for (;;) {
                        tx.send(new byte[16]);
                    }
                } catch (InterruptedException | RuntimeException e) {
                    // stop
                }
            });
            producer.setDaemon(true);
            producer.start();
            long maxInFlight = 0;
            int maxDepth = 0;
            for (int taken = 1; taken <= messages; taken++) {
                rx.recv();
                Thread.sleep(1);                             // the slow consumer's "work"
                maxInFlight = Math.max(maxInFlight, server.sent("s") - taken);
                maxDepth = Math.max(maxDepth, ch.sender().len());
            }
            producer.interrupt();
            System.out.printf("slow consumer (1 msg/ms, %d msgs): max in flight (sent by the server, not yet taken) %d, "
                    + "remote capacity %d; server channel depth max %d of %d%n",
                    messages, maxInFlight, remoteCapacity, maxDepth, serverCapacity);
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
