package dev.sluice.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Remote handles over gRPC on loopback: demand, exactly-once, failure semantics, limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteChannelsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOST = "127.0.0.1";

    @Test
    @DisplayName("a remote receiver gets every message in order, then disconnection when the producers close")
    void remote_receiver_gets_all_then_disconnection() throws Exception {
        Channel<String> ch = Channel.bounded(8);
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.utf8()).bind(0);
             Receiver<String> rx = RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.utf8())) {
            Sender<String> tx = ch.sender();
            Thread producer = new Thread(() -> {
                try (tx) {
                    for (int i = 0; i < 200; i++) {
                        tx.send("m" + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            List<String> got = new ArrayList<>();
            for (String s : rx) {                  // iteration ends with the disconnection
                got.add(s);
            }
            producer.join(WAIT.toMillis());
            assertEquals(200, got.size());
            for (int i = 0; i < 200; i++) {
                assertEquals("m" + i, got.get(i));
            }
            assertEquals(200, server.sent("r"));
        }
    }

    @Test
    @DisplayName("a remote sender's messages arrive in order and closing it ends its stream")
    void remote_sender_messages_arrive_and_close_ends_stream() throws Exception {
        Channel<String> ch = Channel.bounded(8);
        Receiver<String> rx = ch.receiver();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.utf8()).bind(0)) {
            Thread consumer = new Thread(() -> { });
            List<String> got = new CopyOnWriteArrayList<>();
            consumer = new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        got.add(rx.recvTimeout(WAIT).value());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumer.start();
            try (Sender<String> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.utf8())) {
                for (int i = 0; i < 300; i++) {
                    tx.send("m" + i);
                }
            }
            consumer.join(WAIT.toMillis());
            assertEquals(300, got.size());
            for (int i = 0; i < 300; i++) {
                assertEquals("m" + i, got.get(i));
            }
            Await.until("the remote sender's stream ended", WAIT, () -> server.senders("s") == 0);
            assertEquals(300, server.received("s"));
        }
    }

    @Test
    @DisplayName("competing remote receivers get each message exactly once")
    void competing_receivers_exactly_once() throws Exception {
        int n = 20_000;
        Channel<Integer> ch = Channel.bounded(16);
        Codec<Integer> ints = intCodec();
        try (ChannelServer server = ChannelServer.builder().serve("jobs", ch.receiver(), ints).bind(0)) {
            List<Receiver<Integer>> receivers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                receivers.add(RemoteChannels.receiver(HOST, server.port(), "jobs", 8, ints));
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                Sender<Integer> tx = ch.sender();
                List<Future<?>> producers = new ArrayList<>();
                for (int p = 0; p < 2; p++) {
                    int from = p * n / 2;
                    Sender<Integer> mine = tx.clone();
                    producers.add(pool.submit(() -> {
                        try (mine) {
                            for (int i = from; i < from + n / 2; i++) {
                                mine.send(i);
                            }
                        }
                        return null;
                    }));
                }
                tx.close();
                List<Future<List<Integer>>> consumers = new ArrayList<>();
                for (Receiver<Integer> rx : receivers) {
                    consumers.add(pool.submit(() -> {
                        List<Integer> got = new ArrayList<>();
                        try (rx) {
                            for (Integer v : rx) {
                                got.add(v);
                            }
                        }
                        return got;
                    }));
                }
                for (Future<?> f : producers) {
                    f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                Set<Integer> all = new HashSet<>();
                int total = 0;
                for (Future<List<Integer>> f : consumers) {
                    List<Integer> got = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    total += got.size();
                    all.addAll(got);
                }
                assertEquals(n, total, "messages received in total (a duplicate or a loss changes it)");
                assertEquals(n, all.size(), "distinct messages received");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("a slow consumer blocks the producers at the stated depth: the server channel's capacity + the remote capacity")
    void slow_consumer_blocks_producers_at_stated_depth() throws Exception {
        int serverCapacity = 16;
        int remoteCapacity = 8;
        Channel<Integer> ch = Channel.bounded(serverCapacity);
        Codec<Integer> ints = intCodec();
        try (ChannelServer server = ChannelServer.builder().serve("jobs", ch.receiver(), ints).bind(0);
             Receiver<Integer> rx = RemoteChannels.receiver(HOST, server.port(), "jobs", remoteCapacity, ints)) {
            Sender<Integer> tx = ch.sender();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        tx.send(i);
                    }
                } catch (InterruptedException | DisconnectedException e) {
                    // stopped
                }
            });
            producer.start();
            Await.until("the producer blocked with the channel full", WAIT,
                    () -> Await.parked(producer) && ch.sender().len() == serverCapacity && rx.len() == remoteCapacity);
            assertEquals(remoteCapacity, server.sent("jobs"), "taken from the server channel: exactly the remote capacity");
            assertEquals(remoteCapacity, rx.len(), "buffered at the remote receiver");
            assertEquals(serverCapacity, tx.len());
            // The consumer takes messages one at a time: what left the server channel and was not
            // taken never exceeds the remote capacity, and the order is kept.
            for (int i = 0; i < 500; i++) {
                assertEquals(i, rx.recvTimeout(WAIT).value());
                long inFlight = server.sent("jobs") - (i + 1);
                assertTrue(inFlight <= remoteCapacity, "in flight " + inFlight + " > " + remoteCapacity);
            }
            producer.interrupt();
            producer.join(WAIT.toMillis());
        }
    }

    @Test
    @DisplayName("a remote send waits while the served channel is full: server capacity + its window + the local buffer")
    void remote_send_waits_while_server_channel_full() throws Exception {
        int serverCapacity = 4;
        int localCapacity = 2;
        Channel<String> ch = Channel.bounded(serverCapacity);
        Receiver<String> local = ch.receiver();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.utf8()).bind(0);
             Sender<String> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.utf8(), localCapacity, null,
                     RemoteOptions.defaults())) {
            int accepted = 0;
            // Fill: the server channel (4), the window granted to the stream (4), the local buffer (2).
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (accepted < serverCapacity * 2 + localCapacity && System.nanoTime() < deadline) {
                if (tx.sendTimeout("m" + accepted, Duration.ofMillis(50)).isOk()) {
                    accepted++;
                }
            }
            assertEquals(serverCapacity * 2 + localCapacity, accepted);
            Await.until("the server holds its window", WAIT,
                    () -> ch.sender().len() == serverCapacity && server.received("s") == serverCapacity * 2);
            assertEquals(TrySendResult.FULL, tx.trySend("one too many"),
                    "a full server channel, a used window and a full local buffer make send wait");
            for (int i = 0; i < accepted; i++) {
                assertEquals("m" + i, local.recvTimeout(WAIT).value());
            }
            assertEquals(TrySendResult.OK, tx.trySend("again"));
            assertEquals("again", local.recvTimeout(WAIT).value());
        }
    }

    @Test
    @DisplayName("closing the server wakes a blocked recv and a blocked send with a cause")
    void server_close_wakes_blocked_calls_with_cause() throws Exception {
        Channel<String> served = Channel.bounded(4);
        Channel<String> accepted = Channel.bounded(1);
        ChannelServer server = ChannelServer.builder()
                .serve("r", served.receiver(), Codec.utf8())
                .accept("s", accepted.sender(), Codec.utf8())
                .bind(0);
        Sender<String> keepServedOpen = served.sender();
        Receiver<String> keepAcceptedOpen = accepted.receiver();
        Receiver<String> rx = RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.utf8());
        Sender<String> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.utf8(), 1, null, RemoteOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> blockedRecv = pool.submit(() -> {
                try {
                    rx.recv();
                    return null;
                } catch (DisconnectedException e) {
                    return e;
                }
            });
            Future<Throwable> blockedSend = pool.submit(() -> {
                try {
                    for (int i = 0; ; i++) {
                        tx.send("m" + i);
                    }
                } catch (SendDisconnectedException e) {
                    return e;
                }
            });
            Await.until("the receiver and the sender are blocked", WAIT,
                    () -> accepted.sender().len() == 1 && server.received("s") == 2 && server.subscribers("r") == 1);
            long start = System.nanoTime();
            server.close();
            Throwable recvFailure = blockedRecv.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Throwable sendFailure = blockedSend.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            for (Throwable failure : List.of(recvFailure, sendFailure)) {
                assertNotNull(failure);
                RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, failure.getCause(),
                        () -> "cause of " + failure);
                assertEquals(Status.Code.UNAVAILABLE, cause.code(), cause::getMessage);
                assertTrue(cause.getMessage().contains("channel server closed"), cause.getMessage());
            }
            System.out.println("blocked calls woken " + millis + " ms after close()");
        } finally {
            pool.shutdownNow();
            server.close();
            keepServedOpen.close();
            keepAcceptedOpen.close();
        }
    }

    @Test
    @DisplayName("a message larger than the maximum is not sent: the next send fails with the size and the limit, onLost gets it")
    void too_large_message_rejected_clearly() throws Exception {
        Channel<byte[]> ch = Channel.bounded(16);
        Receiver<byte[]> local = ch.receiver();
        List<byte[]> lost = new CopyOnWriteArrayList<>();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.bytes()).bind(0)) {
            Sender<byte[]> tx = RemoteChannels.sender(HOST, server.port(), "s", Codec.bytes(), 1, lost::add,
                    RemoteOptions.defaults().withMaxMessageSize(1024));
            tx.send(new byte[1024]);                          // at the limit: sent
            tx.send(new byte[1025]);                          // accepted into the local buffer ...
            SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    tx.send(new byte[1]);                     // ... and the stream ends on its way out
                }
            });
            RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, e.getCause());
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, cause.code());
            assertTrue(cause.getMessage().contains("1025 bytes") && cause.getMessage().contains("1024 bytes"),
                    cause.getMessage());
            assertEquals(1024, local.recvTimeout(WAIT).value().length);
            assertTrue(lost.stream().anyMatch(m -> m.length == 1025), "onLost got the oversized message");
            Await.until("the stream ended", WAIT, () -> server.senders("s") == 0);
            assertEquals(1, server.received("s"));
            tx.close();
        }
    }

    @Test
    @DisplayName("a served message larger than the server's maximum ends the receiver's stream clearly after the earlier ones")
    void served_message_too_large_ends_stream_clearly() throws Exception {
        Channel<byte[]> ch = Channel.bounded(4);
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.bytes())
                .maxMessageSize(100).bind(0);
             Receiver<byte[]> rx = RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.bytes())) {
            ch.sender().send(new byte[100]);
            ch.sender().send(new byte[101]);
            assertEquals(100, rx.recvTimeout(WAIT).value().length);
            DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
            RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, e.getCause());
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, cause.code());
            assertTrue(cause.getMessage().contains("101 bytes") && cause.getMessage().contains("100 bytes"),
                    cause.getMessage());
        }
    }

    @Test
    @DisplayName("an unknown route is refused by the factory with NOT_FOUND, in both directions")
    void unknown_route_refused() {
        Channel<String> ch = Channel.bounded(4);
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.utf8()).bind(0)) {
            RemoteChannelException rx = assertThrows(RemoteChannelException.class,
                    () -> RemoteChannels.receiver(HOST, server.port(), "nope", 4, Codec.utf8()));
            assertEquals(Status.Code.NOT_FOUND, rx.code());
            assertTrue(rx.getMessage().contains("'nope'"), rx.getMessage());
            RemoteChannelException tx = assertThrows(RemoteChannelException.class,
                    () -> RemoteChannels.sender(HOST, server.port(), "r", Codec.utf8()));
            assertEquals(Status.Code.NOT_FOUND, tx.code(), "'r' is served, not accepted");
        }
    }

    @Test
    @DisplayName("no server on the port: the factory fails with UNAVAILABLE, at once")
    void no_server_fails_clearly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RemoteChannelException e = assertThrows(RemoteChannelException.class,
                () -> RemoteChannels.receiver(HOST, port, "r", 4, Codec.utf8()));
        assertEquals(Status.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(HOST + ":" + port), e.getMessage());
    }

    @Test
    @DisplayName("closing a remote receiver releases its server clone; the messages not in flight go to the next receiver, once")
    void closing_receiver_releases_clone() throws Exception {
        Channel<Integer> ch = Channel.bounded(100);
        Codec<Integer> ints = intCodec();
        for (int i = 0; i < 100; i++) {
            ch.sender().send(i);
        }
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), ints).bind(0)) {
            Set<Integer> taken = ConcurrentHashMap.newKeySet();
            Receiver<Integer> first = RemoteChannels.receiver(HOST, server.port(), "r", 4, ints);
            taken.add(first.recvTimeout(WAIT).value());
            taken.add(first.recvTimeout(WAIT).value());
            first.close();
            Await.until("the server released the stream", WAIT, () -> server.subscribers("r") == 0);
            long lost = server.sent("r") - 2;
            assertTrue(lost <= 4, "lost with the closed receiver: " + lost);
            ch.sender().close();
            try (Receiver<Integer> second = RemoteChannels.receiver(HOST, server.port(), "r", 4, ints)) {
                for (Integer v : second) {
                    assertTrue(taken.add(v), "duplicate " + v);
                }
            }
            assertEquals(100, taken.size() + lost, "taken + lost in flight");
        }
    }

    @Test
    @DisplayName("a gRPC deadline of the creating Context ends the handle as disconnection with DEADLINE_EXCEEDED")
    void grpc_deadline_maps_onto_disconnection() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        Sender<String> keepOpen = ch.sender();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.utf8()).bind(0)) {
            Context.CancellableContext context = Context.current().withDeadlineAfter(300, TimeUnit.MILLISECONDS, timer);
            Receiver<String> rx = context.call(() -> RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.utf8()));
            RecvTimeoutResult<String> r = rx.recvTimeout(WAIT);
            assertTrue(r.isDisconnected(), "recv ends with the deadline: " + r);
            DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
            RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, e.getCause());
            assertEquals(Status.Code.DEADLINE_EXCEEDED, cause.code());
            Await.until("the server released the stream", WAIT, () -> server.subscribers("r") == 0);
            context.close();
        } finally {
            timer.shutdownNow();
            keepOpen.close();
        }
    }

    @Test
    @DisplayName("the service runs in an application's own gRPC server, beside its other services")
    void service_in_own_server() throws Exception {
        Channel<String> jobs = Channel.bounded(4);
        Channel<String> results = Channel.bounded(4);
        ChannelService service = ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .accept("results", results.sender(), Codec.utf8())
                .service();
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            Receiver<String> rx = RemoteChannels.receiver(channel, "jobs", 2, Codec.utf8(), RemoteOptions.defaults());
            Sender<String> tx = RemoteChannels.sender(channel, "results", Codec.utf8(), 2, null, RemoteOptions.defaults());
            jobs.sender().send("job");
            assertEquals("job", rx.recvTimeout(WAIT).value());
            tx.send("result");
            assertEquals("result", results.receiver().recvTimeout(WAIT).value());
            assertEquals(1, service.sent("jobs"));
            assertEquals(1, service.received("results"));
            service.close();
            DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
            assertEquals(Status.Code.UNAVAILABLE, assertInstanceOf(RemoteChannelException.class, e.getCause()).code());
            rx.close();
            tx.close();
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    @DisplayName("undecodable data ends that stream with a CodecException naming the route and message; the server carries on")
    void undecodable_message_ends_only_its_stream() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        Receiver<String> local = ch.receiver();
        try (ChannelServer server = ChannelServer.builder().accept("s", ch.sender(), Codec.utf8()).bind(0)) {
            Sender<byte[]> raw = RemoteChannels.sender(HOST, server.port(), "s", Codec.bytes(), 1, null,
                    RemoteOptions.defaults());
            raw.send(new byte[] {'o', 'k'});
            raw.send(new byte[] {(byte) 0xff, (byte) 0xfe});
            SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    raw.send(new byte[] {'x'});
                }
            });
            RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, e.getCause());
            assertEquals(Status.Code.INVALID_ARGUMENT, cause.code());
            assertTrue(cause.getMessage().contains("route 's' rejected message #2"), cause.getMessage());
            assertEquals("ok", local.recvTimeout(WAIT).value());
            try (Sender<String> good = RemoteChannels.sender(HOST, server.port(), "s", Codec.utf8())) {
                good.send("still serving");
            }
            assertEquals("still serving", local.recvTimeout(WAIT).value());
            assertFalse(local.isDisconnected());
            raw.close();
        }
    }

    @Test
    @DisplayName("a receiver of a route whose channel is already drained and disconnected sees a plain disconnection, no error")
    void receiver_of_finished_route_sees_disconnection() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        ch.sender().send("last");
        ch.sender().close();
        try (ChannelServer server = ChannelServer.builder().serve("r", ch.receiver(), Codec.utf8()).bind(0)) {
            try (Receiver<String> first = RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.utf8())) {
                assertEquals("last", first.recvTimeout(WAIT).value());
                DisconnectedException e = assertThrows(DisconnectedException.class, first::recv);
                assertEquals(null, e.getCause());
            }
            for (int i = 0; i < 20; i++) {
                try (Receiver<String> later = RemoteChannels.receiver(HOST, server.port(), "r", 4, Codec.utf8())) {
                    RecvTimeoutResult<String> r = later.recvTimeout(WAIT);
                    assertTrue(r.isDisconnected(), "" + r);
                }
            }
        }
    }

    static Codec<Integer> intCodec() {
        return new Codec<>() {
            @Override
            public byte[] encode(Integer message) {
                int v = message;
                return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            }

            @Override
            public Integer decode(java.nio.ByteBuffer data) {
                if (data.remaining() != 4) {
                    throw new CodecException("expected 4 bytes, got " + data.remaining());
                }
                return data.getInt();
            }
        };
    }
}
