package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Nothing in the {@code Flow} face blocks a subscriber's thread: BlockHound (which needs no
 * Reactor) is installed with a predicate that marks this test's {@code flow-nonblocking-*}
 * threads non-blocking, and every blocking call made on them (park, sleep, wait, blocking I/O) is
 * recorded. Every {@code Flow} signal of the adapters (subscribe, request, cancel, onSubscribe,
 * onNext, onComplete) is made on those threads while legacy threads block on the other side of
 * the channel; nothing may be recorded. The one allowed wait is an idle pool thread waiting for
 * its next task, or leaving the pool at shutdown ({@code ThreadPoolExecutor.getTask},
 * {@code processWorkerExit}), plus core's bounded spins and short lock sections
 * ({@link #CORE_SHORT_SECTIONS}); any other wait in the channel operations the adapters call is
 * reported too. A control test proves the detector is live.
 */
@Timeout(60)                                    // the blocking reads below have no timeout of their own
class NonBlockingTest {
    private static final String PREFIX = "flow-nonblocking-";
    private static final ConcurrentLinkedQueue<String> DETECTED = new ConcurrentLinkedQueue<>();
    private static ExecutorService nonBlocking;

    /**
     * What core does on any thread without waiting for another thread: the bounded spin of its
     * lock-free retry loops, and the short critical sections of the channel locks (held for a few
     * field writes, never across a wait). The same sections that sluice-reactor's BlockHound
     * integration allows; a real wait for a message or for room still parks and is reported.
     */
    private static final String[][] CORE_SHORT_SECTIONS = {
            {"dev.sluice.Backoff", "spin"}, {"dev.sluice.Backoff", "snooze"},
            {"dev.sluice.SyncWaker", "register"}, {"dev.sluice.SyncWaker", "unregister"},
            {"dev.sluice.SyncWaker", "watch"}, {"dev.sluice.SyncWaker", "unwatch"},
            {"dev.sluice.SyncWaker", "notifyOne"}, {"dev.sluice.SyncWaker", "disconnect"},
            {"dev.sluice.SyncWaker", "abortWaitersOf"},
            {"dev.sluice.DisconnectWatches", "watch"}, {"dev.sluice.DisconnectWatches", "unwatch"},
            {"dev.sluice.DisconnectWatches", "fire"},
            {"dev.sluice.ZeroFlavor", "acquireLock"}, {"dev.sluice.PollingFuture", "tryAbort"},
    };

    @BeforeAll
    static void installBlockHound() {
        BlockHound.Builder builder = BlockHound.builder();
        for (String[] section : CORE_SHORT_SECTIONS) {
            builder.allowBlockingCallsInside(section[0], section[1]);
        }
        builder
                .nonBlockingThreadPredicate(p -> p.or(t -> t.getName().startsWith(PREFIX)))
                // an idle pool thread waits for its next task: the pool's business, not the adapters'
                .allowBlockingCallsInside(ThreadPoolExecutor.class.getName(), "getTask")
                .allowBlockingCallsInside(ThreadPoolExecutor.class.getName(), "processWorkerExit")
                .blockingMethodCallback(method -> {
                    DETECTED.add(method + " on " + Thread.currentThread().getName());
                    throw new BlockingOperationError(method);
                })
                .install();
        AtomicInteger n = new AtomicInteger();
        nonBlocking = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, PREFIX + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopThreads() {
        nonBlocking.shutdownNow();
    }

    @BeforeEach
    void clear() {
        DETECTED.clear();
    }

    @Test
    @DisplayName("control: a blocking recv on a marked thread is detected")
    void detector_is_live() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Receiver<Integer> rx = ch.receiver();
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return rx.recv();
            } catch (Throwable t) {
                return t;
            }
        }, nonBlocking);
        assertInstanceOf(BlockingOperationError.class, outcome.get(10, TimeUnit.SECONDS));
        assertFalse(DETECTED.isEmpty());
        ch.sender().close();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 4})
    @DisplayName("publisher: subscribe, request and onNext on non-blocking threads, a blocking producer on the other side")
    void publisher_never_blocks(int capacity) throws Exception {
        Channel<Integer> ch = Channel.bounded(capacity);
        int count = 300;
        List<Integer> got = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Flow.Subscriber<Integer> subscriber = new Flow.Subscriber<>() {
            Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                this.s = s;
                nonBlocking.execute(() -> s.request(3));
            }

            @Override
            public void onNext(Integer item) {
                synchronized (got) {
                    got.add(item);
                    if (got.size() % 3 == 0) {
                        nonBlocking.execute(() -> s.request(3));
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        };
        Flow.Publisher<Integer> publisher = FlowChannels.publisher(ch.receiver());
        nonBlocking.execute(() -> publisher.subscribe(subscriber));
        Producer producer = new Producer(ch.sender(), count);
        done.get(30, TimeUnit.SECONDS);
        producer.outcome.get(10, TimeUnit.SECONDS);
        assertEquals(IntStream.range(0, count).boxed().toList(), got);
        assertEquals(List.of(), List.copyOf(DETECTED));
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 4})
    @DisplayName("subscriber and toReceiver: every upstream signal on non-blocking threads, a blocking consumer on the other side")
    void subscriber_never_blocks(int capacity) {
        int count = 300;
        Flowable<Integer> onNonBlocking = Flowable.range(0, count)
                .subscribeOn(Schedulers.from(nonBlocking))
                .observeOn(Schedulers.from(nonBlocking), false, 2);
        List<Integer> got = new ArrayList<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(
                org.reactivestreams.FlowAdapters.toFlowPublisher(onNonBlocking), capacity)) {
            rx.forEach(got::add);
        }
        assertEquals(IntStream.range(0, count).boxed().toList(), got);
        assertEquals(List.of(), List.copyOf(DETECTED));
    }

    @Test
    @DisplayName("cancel on a non-blocking thread wakes the blocked producer without blocking that thread")
    void cancel_never_blocks() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        Recorder<Integer> sub = new Recorder<>();
        Producer producer = new Producer(ch.sender(), 100);
        Await.parked(producer.thread);
        CompletableFuture.runAsync(() -> FlowChannels.publisher(ch.receiver()).subscribe(sub), nonBlocking)
                .get(10, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> sub.subscription.join().cancel(), nonBlocking).get(10, TimeUnit.SECONDS);
        assertTrue(producer.outcome.handle((v, e) -> e != null).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), List.copyOf(DETECTED));
    }
}
