package dev.sluice.grpc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.grpc.Codec;
import dev.sluice.grpc.RemoteChannelException;
import dev.sluice.grpc.RemoteChannels;
import dev.sluice.grpc.RemoteOptions;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Separate JVMs on loopback: crashes (kill -9) of a server and of a consumer. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @DisplayName("kill -9 of the server process wakes a blocked recv and a blocked send with a cause")
    void killed_server_wakes_blocked_calls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ChildJvm server = ChildJvm.start("server", GrpcServerProcess.class, "0")) {
            int port = Integer.parseInt(server.awaitLine("PORT", WAIT));
            Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "idle", 4, Codec.utf8());
            Sender<String> tx = RemoteChannels.sender("127.0.0.1", port, "sink", Codec.utf8(), 1, null,
                    RemoteOptions.defaults());
            Future<Throwable> recv = pool.submit(() -> {
                try {
                    rx.recv();
                    return null;
                } catch (DisconnectedException e) {
                    return e;
                }
            });
            Future<Throwable> send = pool.submit(() -> {
                try {
                    for (int i = 0; ; i++) {
                        tx.send("m" + i);
                    }
                } catch (SendDisconnectedException e) {
                    return e;
                }
            });
            // sink bounded(4) + a window of 4 + the local buffer of 1: the tenth send waits.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!tx.isFull() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            long start = System.nanoTime();
            server.kill();
            Throwable r = recv.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Throwable s = send.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            for (Throwable failure : List.of(r, s)) {
                RemoteChannelException cause = assertInstanceOf(RemoteChannelException.class, failure.getCause(),
                        () -> "cause of " + failure);
                assertEquals(Status.Code.UNAVAILABLE, cause.code(), cause::getMessage);
            }
            System.out.println("blocked recv and send woken " + millis + " ms after kill -9 of the server");
            rx.close();
            tx.close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("kill -9 of a consumer process loses at most its buffer; the other consumer gets every other message exactly once")
    void killed_consumer_loses_at_most_its_buffer() throws Exception {
        int n = 3000;
        int capacity = 8;
        try (ChildJvm server = ChildJvm.start("server", GrpcServerProcess.class, Integer.toString(n))) {
            int port = Integer.parseInt(server.awaitLine("PORT", WAIT));
            List<String> taken;
            try (ChildJvm consumer = ChildJvm.start("consumer", GrpcConsumerProcess.class, Integer.toString(port))) {
                consumer.awaitLine("CONNECTED", WAIT);
                for (int i = 0; i < 200; i++) {
                    consumer.awaitLine("GOT", WAIT);
                }
                consumer.kill();
                taken = consumer.allLines().stream().filter(l -> l.startsWith("GOT ")).map(l -> l.substring(4)).toList();
            }
            Set<String> seen = new HashSet<>(taken);
            assertEquals(taken.size(), seen.size(), "the killed consumer got a message twice");
            int second = 0;
            try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "jobs", capacity, Codec.utf8())) {
                for (String job : rx) {
                    assertTrue(seen.add(job), "message " + job + " delivered twice");
                    second++;
                }
            }
            server.command("sent");
            long sent = Long.parseLong(server.awaitLine("SENT", WAIT));
            assertEquals(n, sent, "every message left the server channel");
            int lost = n - seen.size();
            System.out.println("killed consumer took " + taken.size() + ", the other " + second + ", lost " + lost
                    + " (bound: capacity " + capacity + " + 1 taken but not yet printed)");
            assertTrue(lost <= capacity + 1, "lost " + lost + " > " + (capacity + 1));
        }
    }
}
