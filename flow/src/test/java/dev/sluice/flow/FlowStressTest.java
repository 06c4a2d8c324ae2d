package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interleavings: blocking producers, the publisher's drain loop, the sending subscriber's loop
 * and a blocking consumer race on every flavor; each message arrives exactly once, and a cancel
 * at a random moment never hangs a producer. {@code -Dflow.stress.rounds=N} sets the number of
 * rounds per flavor (default 3, to keep the suite short; run with 200 when changing the adapters).
 */
class FlowStressTest {
    private static final int ROUNDS = Integer.getInteger("flow.stress.rounds", 3);
    private static final int PRODUCERS = 2;
    private static final int PER_PRODUCER = 2_000;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 4, Integer.MAX_VALUE})
    @DisplayName("publisher -> toReceiver: every message of two blocking producers arrives exactly once")
    void exactly_once_through_both_adapters(int capacity) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Channel<Integer> ch = capacity == Integer.MAX_VALUE ? Channel.unbounded() : Channel.bounded(capacity);
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            Sender<Integer> tx = ch.sender();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(produce(tx.clone(), p * PER_PRODUCER, PER_PRODUCER));
            }
            tx.close();
            int downstream = ThreadLocalRandom.current().nextInt(0, 5);
            BitSet seen = new BitSet();
            int count = 0;
            try (Receiver<Integer> rx = FlowChannels.toReceiver(FlowChannels.publisher(ch.receiver()), downstream)) {
                for (int m : rx) {
                    assertTrue(!seen.get(m), "duplicate " + m);
                    seen.set(m);
                    count++;
                }
            }
            assertEquals(PRODUCERS * PER_PRODUCER, count, "round " + round);
            for (CompletableFuture<Void> p : producers) {
                p.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 4})
    @DisplayName("a cancel racing with requests and blocked sends: no duplicate, no producer left waiting")
    void cancel_races_with_sends(int capacity) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Channel<Integer> ch = Channel.bounded(capacity);
            Sender<Integer> tx = ch.sender();
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(produce(tx.clone(), p * PER_PRODUCER, PER_PRODUCER));
            }
            tx.close();
            int cancelAfter = ThreadLocalRandom.current().nextInt(0, 300);
            BitSet seen = new BitSet();
            CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
            List<String> violations = new ArrayList<>();
            FlowChannels.publisher(ch.receiver()).subscribe(new Flow.Subscriber<Integer>() {
                int received;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.complete(s);
                    s.request(1);
                }

                @Override
                public void onNext(Integer m) {
                    synchronized (violations) {
                        if (seen.get(m)) {
                            violations.add("duplicate " + m);
                        }
                        seen.set(m);
                    }
                    if (++received < cancelAfter) {
                        subscription.join().request(ThreadLocalRandom.current().nextInt(1, 4));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    violations.add("onError " + t);
                }

                @Override
                public void onComplete() {
                }
            });
            Flow.Subscription s = subscription.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                s.request(1);                            // from a second thread, racing onNext's requests
            }
            s.cancel();
            for (CompletableFuture<Void> p : producers) {
                p.handle((v, e) -> null).get(30, TimeUnit.SECONDS);   // ended: completed or disconnected
            }
            synchronized (violations) {
                assertEquals(List.of(), violations, "round " + round);
            }
        }
    }

    /** A blocking producer thread; completes normally, or when the receivers are gone. */
    private static CompletableFuture<Void> produce(Sender<Integer> tx, int first, int count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (tx) {
                for (int i = first; i < first + count; i++) {
                    tx.send(i);
                }
                done.complete(null);
            } catch (SendDisconnectedException | InterruptedException e) {
                done.complete(null);
            } catch (Throwable t2) {
                done.completeExceptionally(t2);
            }
        }, "stress-producer");
        t.setDaemon(true);
        t.start();
        return done;
    }
}
