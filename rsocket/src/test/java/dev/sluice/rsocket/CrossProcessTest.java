package dev.sluice.rsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import dev.sluice.SendDisconnectedException;
import dev.sluice.SendTimeoutResult;
import dev.sluice.Sender;
import dev.sluice.rsocket.it.Await;
import dev.sluice.rsocket.it.ConsumerProcess;
import dev.sluice.rsocket.it.JvmProcess;
import dev.sluice.rsocket.it.ServerProcess;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channels across processes: every test starts separate JVMs ({@link JvmProcess}) on 127.0.0.1
 * with ephemeral ports, and every wait is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A slow remote consumer makes local blocking producers wait, with the channel at capacity. */
    @Test
    void slow_remote_consumer_blocks_local_producers() throws Exception {
        int capacity = 16;
        int remoteCapacity = 8;
        Channel<String> ch = Channel.bounded(capacity);
        AtomicInteger accepted = new AtomicInteger();
        try (ChannelServer server = ChannelServer.builder().serve("work", ch.receiver(), Codec.utf8()).bind("127.0.0.1", 0);
             JvmProcess consumer = JvmProcess.start("slow", ConsumerProcess.class,
                     Integer.toString(server.port()), "work", Integer.toString(remoteCapacity), "slow")) {
            consumer.awaitLine("READY", STARTUP);
            Await.until("remote subscriber", STARTUP, () -> server.subscribers("work") == 1);
            List<Thread> producers = new ArrayList<>();
            Sender<String> tx = ch.sender();
            for (int p = 0; p < 2; p++) {
                Sender<String> mine = tx.clone();
                Thread t = new Thread(() -> {
                    try (mine) {
                        for (;;) {
                            mine.send(Integer.toString(accepted.get()));
                            accepted.incrementAndGet();
                        }
                    } catch (InterruptedException | DisconnectedException e) {
                        // stop
                    }
                }, "producer-" + p);
                t.setDaemon(true);
                t.start();
                producers.add(t);
            }
            tx.close();

            Await.until("both producers blocked on a full channel", LONG,
                    () -> producers.stream().allMatch(Await::parked) && ch.sender().isFull(),
                    () -> "len=" + ch.sender().len() + " accepted=" + accepted.get());
            int first = accepted.get();
            long sent = server.sent("work");
            assertEquals(capacity, ch.sender().len(), "depth at capacity");
            assertTrue(sent <= remoteCapacity, "wire + remote buffer hold at most its capacity, sent " + sent);
            assertEquals(first, capacity + sent, "accepted = in the channel + sent to the remote");
            System.out.printf("blocked: accepted=%d depth=%d sent-to-remote=%d (remote capacity %d)%n",
                    first, ch.sender().len(), sent, remoteCapacity);

            consumer.command("take 100");
            assertEquals("100", consumer.awaitLine("TOOK", LONG));
            // the consumer took 100, so at least 100 left the channel; its demand comes back in batches
            // (at least 3/4 of its capacity), so fewer than remoteCapacity may be in flight now
            Await.until("producers blocked again", LONG,
                    () -> producers.stream().allMatch(Await::parked) && ch.sender().isFull()
                            && accepted.get() >= capacity + 100,
                    () -> "len=" + ch.sender().len() + " accepted=" + accepted.get());
            long inFlight = server.sent("work") - 100;
            assertTrue(inFlight >= 0 && inFlight <= remoteCapacity, "in flight to the slow consumer: " + inFlight);
            assertEquals(accepted.get(), capacity + server.sent("work"));
            System.out.printf("after take 100: accepted=%d, in flight to the consumer=%d%n", accepted.get(), inFlight);
            for (Thread t : producers) {
                t.interrupt();
                t.join(10_000);
            }
        }
    }

    /** Three consumer processes compete: each of 300 000 messages is received exactly once in total. */
    @Test
    void three_consumer_processes_receive_each_message_exactly_once() throws Exception {
        int n = 300_000;
        Channel<String> ch = Channel.bounded(256);
        try (ChannelServer server = ChannelServer.builder().serve("ids", ch.receiver(), Codec.utf8()).bind("127.0.0.1", 0)) {
            List<JvmProcess> consumers = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            try {
                for (int c = 0; c < 3; c++) {
                    Path f = dir.resolve("c" + c + ".bin");
                    files.add(f);
                    consumers.add(JvmProcess.start("c" + c, ConsumerProcess.class,
                            Integer.toString(server.port()), "ids", "64", "record", f.toString()));
                }
                for (JvmProcess c : consumers) {
                    c.awaitLine("READY", STARTUP);
                }
                Await.until("3 subscribers", STARTUP, () -> server.subscribers("ids") == 3);
                produce(ch.sender(), n, 2);
                long total = 0;
                for (JvmProcess c : consumers) {
                    long count = Long.parseLong(c.awaitLine("COUNT", LONG));
                    assertTrue(count > 0, "every consumer got a share");
                    total += count;
                    assertEquals(0, c.awaitExit(LONG));
                }
                BitSet seen = readIds(files, n, true);
                assertEquals(n, total);
                assertEquals(n, seen.cardinality(), "every message received once");
                assertEquals(n, server.sent("ids"));
            } finally {
                for (JvmProcess c : consumers) {
                    c.close();
                }
            }
        }
    }

    /**
     * Killing a consumer process mid-stream: the rest go to the others; only what was in flight
     * to the killed process (its local buffer and wire demand) is lost, and that is at most its
     * capacity (plus the one message it had taken but not yet recorded).
     */
    @Test
    void killing_a_consumer_moves_the_rest_to_the_others_and_loses_only_its_in_flight() throws Exception {
        int n = 60_000;
        int remoteCapacity = 32;
        Channel<String> ch = Channel.bounded(64);
        try (ChannelServer server = ChannelServer.builder().serve("ids", ch.receiver(), Codec.utf8()).bind("127.0.0.1", 0)) {
            List<JvmProcess> consumers = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            try {
                for (int c = 0; c < 3; c++) {
                    Path f = dir.resolve("k" + c + ".bin");
                    files.add(f);
                    consumers.add(JvmProcess.start("k" + c, ConsumerProcess.class, Integer.toString(server.port()),
                            "ids", Integer.toString(remoteCapacity), "recordsync", f.toString()));
                }
                for (JvmProcess c : consumers) {
                    c.awaitLine("READY", STARTUP);
                }
                Await.until("3 subscribers", STARTUP, () -> server.subscribers("ids") == 3);
                Thread producer = new Thread(() -> {
                    try {
                        produce(ch.sender(), n, 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                producer.start();
                consumers.get(0).awaitLine("AT 2000", LONG);          // mid-stream
                consumers.get(0).kill();
                long sentAtKill = server.sent("ids");
                Await.until("the killed consumer's clone released", LONG, () -> server.subscribers("ids") == 2);
                producer.join(LONG.toMillis());
                assertTrue(!producer.isAlive(), "producer finished: the survivors took the rest");
                long survivors = 0;
                for (JvmProcess c : consumers.subList(1, 3)) {
                    survivors += Long.parseLong(c.awaitLine("COUNT", LONG));
                }
                BitSet seen = readIds(files, n, true);              // also fails on any duplicate
                long killedGot = Files.size(files.get(0)) / 4;
                long lost = n - seen.cardinality();
                System.out.printf("killed consumer recorded %d, survivors %d, sent at kill %d, lost (in flight to the killed) %d%n",
                        killedGot, survivors, sentAtKill, lost);
                assertEquals(n, server.sent("ids"), "everything left the channel");
                assertEquals(n, killedGot + survivors + lost);
                assertTrue(lost <= remoteCapacity + 1, "lost only what was in flight to the killed process: " + lost);
            } finally {
                for (JvmProcess c : consumers) {
                    c.close();
                }
            }
        }
    }

    /** Killing the server process makes a blocked remote recv and a blocked remote send fail with disconnection. */
    @Test
    void killing_the_server_fails_remote_recv_and_send_with_disconnection() throws Exception {
        try (JvmProcess server = JvmProcess.start("server", ServerProcess.class)) {
            int port = Integer.parseInt(server.awaitLine("PORT", STARTUP));
            Receiver<String> ticks = RemoteChannels.receiver("127.0.0.1", port, "ticks", 4, Codec.utf8());
            Sender<String> sink = RemoteChannels.sender("127.0.0.1", port, "sink", Codec.utf8());
            assertTrue(ticks.recvTimeout(LONG).isValue(), "stream works");
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            AtomicInteger sends = new AtomicInteger();
            CountDownLatch sendEnded = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try {
                    for (;;) {
                        sink.send("x");
                        sends.incrementAndGet();
                    }
                } catch (Throwable e) {
                    sendFailure.set(e);
                } finally {
                    sendEnded.countDown();
                }
            });
            sender.setDaemon(true);
            sender.start();
            Await.until("remote send blocked on the full remote channel", LONG, () -> Await.parked(sender) && sends.get() > 0);
            ticks.recvTimeout(LONG);                // consumes; the server keeps the stream busy

            long killedAt = System.nanoTime();
            server.kill();
            assertTrue(sendEnded.await(30, TimeUnit.SECONDS), "blocked send ended");
            SendDisconnectedException se = assertInstanceOf(SendDisconnectedException.class, sendFailure.get());
            assertEquals("x", se.message(), "the blocked message is handed back");
            assertInstanceOf(RemoteChannelException.class, se.getCause(), "cause: " + se.getCause());
            try {
                for (;;) {                          // the buffered ticks first, then disconnection
                    RecvTimeoutResult<String> r = ticks.recvTimeout(Duration.ofSeconds(30));
                    if (r.isTimeout()) {
                        fail("recv hung after the server died");
                    }
                    if (r.isDisconnected()) {
                        break;
                    }
                }
                assertThrowsDisconnected(ticks);
            } finally {
                ticks.close();
                sink.close();
            }
            System.out.printf("server killed: remote handles disconnected within %d ms; %d remote sends accepted before%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), sends.get());
        }
    }

    /** Bad payloads end their stream with a clear error; the server and its other streams carry on. */
    @Test
    void bad_payloads_are_rejected_clearly_and_the_server_carries_on() throws Exception {
        try (JvmProcess server = JvmProcess.start("server", ServerProcess.class)) {
            int port = Integer.parseInt(server.awaitLine("PORT", STARTUP));
            // 1. a remote sender sends bytes that are not a JSON Order
            try (Sender<byte[]> bad = RemoteChannels.sender("127.0.0.1", port, "orders", Codec.bytes())) {
                SendDisconnectedException e = null;
                long deadline = System.nanoTime() + LONG.toNanos();
                while (e == null && System.nanoTime() < deadline) {
                    try {
                        bad.sendTimeout("not json".getBytes(), Duration.ofSeconds(1));
                        Thread.onSpinWait();
                    } catch (SendDisconnectedException d) {
                        e = d;
                    }
                    if (e == null && bad.isDisconnected()) {
                        try {
                            bad.send("x".getBytes());
                        } catch (SendDisconnectedException d) {
                            e = d;
                        }
                    }
                }
                assertTrue(e != null, "the rejected stream ends the sender");
                String why = String.valueOf(e.getCause());
                assertTrue(why.contains("rejected message #1") && why.contains("not a JSON"), why);
                System.out.println("rejected sender sees: " + why);
            }
            // 2. the same route still accepts a good sender on a new stream
            try (Sender<ServerProcess.Order> good = RemoteChannels.sender("127.0.0.1", port, "orders",
                    JsonCodec.of(ServerProcess.Order.class))) {
                good.send(new ServerProcess.Order(1, "widget"));
            }
            assertEquals("widget", server.awaitLine("GOT", LONG));
            // 3. a remote receiver that cannot decode what the server sends
            try (Receiver<ServerProcess.Order> rx = RemoteChannels.receiver("127.0.0.1", port, "garbage", 4,
                    JsonCodec.of(ServerProcess.Order.class))) {
                RecvTimeoutResult<ServerProcess.Order> r = rx.recvTimeout(LONG);
                assertTrue(r.isDisconnected(), "decode failure ends the stream: " + r);
                DisconnectedException d = assertThrowsDisconnected(rx);
                assertInstanceOf(CodecException.class, d.getCause());
                System.out.println("receiver sees: " + d.getCause());
            }
            try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "garbage", 4, Codec.utf8())) {
                DisconnectedException d = assertThrowsDisconnected(rx);
                assertTrue(d.getCause().getMessage().contains("not valid UTF-8"), String.valueOf(d.getCause()));
            }
            // 4. the server still serves
            try (Receiver<byte[]> rx = RemoteChannels.receiver("127.0.0.1", port, "garbage", 4, Codec.bytes())) {
                assertEquals(3, rx.recvTimeout(LONG).value().length);
            }
        }
    }

    // ==== helpers ====

    private static DisconnectedException assertThrowsDisconnected(Receiver<?> rx) throws InterruptedException {
        RecvTimeoutResult<?> r = rx.recvTimeout(LONG);
        if (!r.isDisconnected()) {
            throw new AssertionError("expected disconnection, got " + r);
        }
        try {
            rx.recv();
            throw new AssertionError("recv after disconnection returned");
        } catch (DisconnectedException e) {
            return e;
        }
    }

    /** {@code threads} blocking producers send the ids 0..n-1 between them, then close. */
    static void produce(Sender<String> tx, int n, int threads) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
            Sender<String> mine = tx.clone();
            int from = p;
            Thread t = new Thread(() -> {
                try (mine) {
                    for (int i = from; i < n; i += threads) {
                        mine.send(Integer.toString(i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + p);
            t.start();
            ts.add(t);
        }
        tx.close();
        for (Thread t : ts) {
            t.join(LONG.toMillis());
            if (t.isAlive()) {
                throw new AssertionError("producer stuck");
            }
        }
    }

    /** The ids in {@code files}; fails on an id seen twice. */
    private static BitSet readIds(List<Path> files, int n, boolean failOnDuplicate) throws IOException {
        BitSet seen = new BitSet(n);
        for (Path f : files) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f)))) {
                for (;;) {
                    int id;
                    try {
                        id = in.readInt();
                    } catch (EOFException eof) {
                        break;
                    }
                    if (failOnDuplicate && seen.get(id)) {
                        throw new AssertionError("id " + id + " received twice");
                    }
                    seen.set(id);
                }
            }
        }
        return seen;
    }
}
