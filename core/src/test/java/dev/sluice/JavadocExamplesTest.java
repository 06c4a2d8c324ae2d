package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JavadocExamplesTest: runs the code examples of the public Javadoc (the rule: "every
 * public method has a Javadoc example that a test runs"), one test per example, named after where
 * it appears. Each body is the example's logic; {@code System.out.println} becomes a list of
 * printed lines, {@code assert} becomes a JUnit assertion, and placeholders ({@code handle},
 * {@code backlog}, {@code job.release()}) become local stand-ins.
 *
 * <p>Two examples use Java 21 API and cannot compile under the module's {@code --release 17}:
 * {@code Thread.ofPlatform()} (Channel "Sharing", Receiver class example) is replaced by
 * {@code new Thread(..).start()}, and the pattern-matching {@code switch} of
 * {@link TryRecvResult} by the equivalent {@code instanceof} chain.
 */
@Timeout(10)
class JavadocExamplesTest {

    // Channel: "Hello, world"
    @Test
    void channel_hello_world() throws Exception {
        List<String> printed = new ArrayList<>();
        Channel<String> ch = Channel.unbounded();
        ch.sender().send("Hello, world!");
        printed.add(ch.receiver().recv());
        assertEquals(List.of("Hello, world!"), printed);
    }

    // Channel: "Sharing"
    @Test
    void channel_sharing() {
        Channel<Integer> ch = Channel.bounded(16);
        for (int p = 0; p < 4; p++) {
            Sender<Integer> tx = ch.sender().clone();
            int id = p;
            new Thread(() -> {                                 // Thread.ofPlatform().start(..) on Java 21
                try (tx) {
                    tx.send(id);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).start();
        }
        ch.sender().close();                                    // keep only the clones open
        int sum = ch.receiver().stream().mapToInt(Integer::intValue).sum();   // 0+1+2+3, then ends
        assertEquals(6, sum);
    }

    // Sender: watchSendable(int, Runnable)
    @Test
    void sender_watch_sendable_with_room_threshold() {
        Channel<String> ch = Channel.bounded(16);
        Sender<String> tx = ch.sender();
        for (int i = 0; i < 16; i++) tx.trySend("m" + i);
        AtomicInteger requested = new AtomicInteger();
        tx.watchSendable(12, () -> requested.set(12));
        for (int i = 0; i < 11; i++) ch.receiver().poll();
        assertEquals(0, requested.get());
        ch.receiver().poll();
        assertEquals(12, requested.get());
    }

    // Sender: class example (bounded(1): one send fits, the second try is FULL)
    @Test
    void sender_class_example() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        try (Sender<String> tx = ch.sender(); Receiver<String> rx = ch.receiver()) {
            tx.send("one");                                     // room for one
            assertEquals(TrySendResult.FULL, tx.trySend("two")); // the buffer is full
            assertEquals("one", rx.recv());
        }
        assertTrue(ch.sender().isClosed() && ch.receiver().isClosed());
    }

    // Sender.send
    @Test
    void sender_send() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        ch.sender().send(42);
        assertEquals(42, ch.receiver().tryRecv().value());
    }

    // Sender.trySend
    @Test
    void sender_try_send() {
        Channel<String> ch = Channel.rendezvous();
        assertEquals(TrySendResult.FULL, ch.sender().trySend("hi"));   // nobody is receiving
    }

    // Sender.sendAsync
    @Test
    void sender_send_async() {
        Channel<String> ch = Channel.bounded(1);
        CompletableFuture<Void> sent = ch.sender().sendAsync("later");
        assertTrue(sent.isDone());                              // there was room
    }

    // Receiver: class example (iteration ends when the sending thread closes its handle)
    @Test
    void receiver_class_example() throws Exception {
        List<String> printed = new ArrayList<>();
        Channel<String> ch = Channel.unbounded();
        Sender<String> tx = ch.sender();
        new Thread(() -> {                                      // Thread.ofPlatform().start(..) on Java 21
            try (tx) {
                for (int i = 1; i <= 3; i++) {
                    tx.send("hi " + i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
        try (Receiver<String> rx = ch.receiver()) {
            for (String msg : rx) {
                printed.add(msg);                               // hi 1, hi 2, hi 3; ends when tx closes
            }
        }
        assertEquals(List.of("hi 1", "hi 2", "hi 3"), printed);
    }

    // Receiver.tryRecv
    @Test
    void receiver_try_recv() throws Exception {
        Channel<String> ch = Channel.unbounded();
        assertTrue(ch.receiver().tryRecv().isEmpty());
        ch.sender().send("x");
        assertEquals("x", ch.receiver().tryRecv().value());
    }

    // Receiver.recvAsync
    @Test
    void receiver_recv_async() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        CompletableFuture<String> next = ch.receiver().recvAsync();
        ch.sender().send("hello");
        assertEquals("hello", next.join());
    }

    // Receiver.tryIter
    @Test
    void receiver_try_iter() throws Exception {
        Channel<String> ch = Channel.unbounded();
        ch.sender().send("a");
        ch.sender().send("b");
        Receiver<String> rx = ch.receiver();
        List<String> handled = new ArrayList<>();
        for (String msg : rx.tryIter()) {
            handled.add(msg);                                   // drains what is there, then moves on
        }
        assertEquals(List.of("a", "b"), handled);
    }

    // TrySendResult: the switch over OK / FULL / DISCONNECTED
    @Test
    void try_send_result_switch() {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        List<String> backlog = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (String job : List.of("j1", "j2")) {
            switch (tx.trySend(job)) {
                case OK -> { }
                case FULL -> backlog.add(job);                  // try again later
                case DISCONNECTED -> released.add(job);         // nobody will ever read it
            }
        }
        ch.receiver().close();
        String job = "j3";
        switch (tx.trySend(job)) {
            case OK -> { }
            case FULL -> backlog.add(job);
            case DISCONNECTED -> released.add(job);
        }
        assertEquals(List.of("j2"), backlog);
        assertEquals(List.of("j3"), released);
    }

    // TryRecvResult: the Java 21 pattern switch (as an instanceof chain) and the Java 17 form
    @Test
    void try_recv_result_switch() throws Exception {
        Channel<String> ch = Channel.unbounded();
        Receiver<String> rx = ch.receiver();
        List<String> log = new ArrayList<>();
        ch.sender().send("m");
        for (int i = 0; i < 2; i++) {
            TryRecvResult<String> r = rx.tryRecv();
            if (r instanceof TryRecvResult.Value<String> v) {
                log.add("handle " + v.value());
            } else if (r instanceof TryRecvResult.Empty<String>) {
                log.add("other work");
            } else if (r instanceof TryRecvResult.Disconnected<String>) {
                log.add("stop");
            }
        }
        ch.sender().close();
        if (rx.tryRecv() instanceof TryRecvResult.Disconnected<String>) {
            log.add("stop");
        }
        assertEquals(List.of("handle m", "other work", "stop"), log);

        Channel<String> ch17 = Channel.unbounded();            // Java 17 form
        ch17.sender().send("n");
        TryRecvResult<String> r = ch17.receiver().tryRecv();
        List<String> handled = new ArrayList<>();
        if (r.isValue()) {
            handled.add(r.value());
        }
        assertEquals(List.of("n"), handled);
    }

    // BlockingGuard: install a "this thread must not block" test (a marker type stands in for
    // reactor.core.scheduler.NonBlocking, which core does not depend on)
    @Test
    void blocking_guard_install() throws Exception {
        Predicate<Thread> previous = BlockingGuard.installed();
        BlockingGuard.install(t -> t instanceof NonBlockingMarker);
        try {
            Channel<String> ch = Channel.bounded(1);
            ch.sender().send("on an ordinary thread: allowed");
            Throwable[] failure = new Throwable[1];
            Thread eventLoop = new EventLoopThread(() -> {
                try {
                    ch.receiver().recv();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            eventLoop.start();
            eventLoop.join(10_000);
            assertTrue(failure[0] instanceof IllegalStateException, String.valueOf(failure[0]));
            assertEquals("on an ordinary thread: allowed", ch.receiver().recv());
        } finally {
            BlockingGuard.install(previous);
        }
    }

    /** Stands in for Reactor's {@code NonBlocking} marker interface. */
    private interface NonBlockingMarker {
    }

    private static final class EventLoopThread extends Thread implements NonBlockingMarker {
        EventLoopThread(Runnable body) {
            super(body, "event-loop");
        }
    }

    // Sender.watchDisconnected
    @Test
    void sender_watchDisconnected() {
        List<String> stopped = new ArrayList<>();
        Runnable tickerStop = () -> stopped.add("stopped");
        Channel<String> ch = Channel.bounded(8);
        Sender<String> tx = ch.sender();
        tx.watchDisconnected(tickerStop);
        ch.receiver().close();
        assertEquals(List.of("stopped"), stopped);
    }

    // Receiver.poll
    @Test
    void receiver_poll() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        ch.sender().send("x");
        assertEquals("x", ch.receiver().poll());
        assertTrue(ch.receiver().poll() == null);
    }

    // Watch.rearm
    @Test
    void watch_rearm() throws Exception {
        Channel<String> ch = Channel.bounded(4);
        List<String> seen = new ArrayList<>();
        Watch[] watch = new Watch[1];
        watch[0] = ch.receiver().watchReceivable(() -> {
            for (String m; (m = ch.receiver().poll()) != null; ) seen.add(m);
            watch[0].rearm();                               // and tell me about the next one
        });
        ch.sender().send("a");
        ch.sender().send("b");
        assertEquals(List.of("a", "b"), seen);
    }
}
