package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Selects on virtual threads (JDK 21+, skipped on 17): 2 000 virtual threads block in a select
 * over a rendezvous channel, a bounded channel and a far-away timer before any sender runs. If a
 * blocked select pinned its carrier, the senders could never run and the test would time out.
 */
@Timeout(60)
class SelectVirtualThreadTest {

    @Test
    void two_thousand_virtual_threads_blocked_in_select_do_not_pin_their_carriers() throws Exception {
        Method factory;
        try {
            factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            factory = null;
        }
        assumeTrue(factory != null, "virtual threads need JDK 21+");
        ExecutorService executor = (ExecutorService) factory.invoke(null);
        int n = 2_000;
        Channel<Integer> zero = Channel.rendezvous();
        Channel<Integer> bounded = Channel.bounded(4);
        AtomicIntegerArray received = new AtomicIntegerArray(n);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(executor.submit((Callable<Void>) () -> {
                    Select sel = new Select();
                    sel.recv(zero.receiver());
                    sel.recv(bounded.receiver());
                    sel.recv(Channel.after(Duration.ofHours(1)));
                    received.incrementAndGet(sel.select().<Integer>value());
                    return null;
                }));
            }
            for (int i = 0; i < n; i++) {
                int msg = i;
                Channel<Integer> target = (i & 1) == 0 ? zero : bounded;
                futures.add(executor.submit((Callable<Void>) () -> {
                    target.sender().send(msg);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.get(i), "message " + i);
        }
    }
}
