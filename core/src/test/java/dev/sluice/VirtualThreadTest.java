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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VirtualThreadTest: the Java-specific rule "Virtual threads": blocking uses
 * {@code LockSupport}/{@code java.util.concurrent.locks}, never a monitor around a park, so
 * thousands of virtual threads can block in channel operations on a handful of carrier threads.
 *
 * <p>The module compiles with {@code --release 17}, so virtual threads are reached by reflection
 * ({@code Executors.newVirtualThreadPerTaskExecutor}); on JDK 17-20 the tests are skipped. If a
 * blocked operation pinned its carrier (JDK 21-23 pin inside {@code synchronized}), the many
 * blocked threads would occupy every carrier and the threads that could release them would never
 * run: the test then fails by timeout instead of hanging. CI runs this class on JDK 25.
 */
@Timeout(60)
class VirtualThreadTest {
    private static Method newVirtualThreadPerTaskExecutor;

    @BeforeAll
    static void findVirtualThreads() {
        try {
            newVirtualThreadPerTaskExecutor = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            newVirtualThreadPerTaskExecutor = null;
        }
    }

    private static ExecutorService virtualThreads() throws Exception {
        assumeTrue(newVirtualThreadPerTaskExecutor != null, "virtual threads need JDK 21+");
        return (ExecutorService) newVirtualThreadPerTaskExecutor.invoke(null);
    }

    // 10 000 virtual threads: 5 000 senders and 5 000 receivers, one message each
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_16"})
    void ten_thousand_virtual_threads_exchange_messages(TestFlavor flavor) throws Exception {
        int pairs = 5_000;
        ExecutorService executor = virtualThreads();
        Channel<Integer> ch = flavor.create();
        AtomicIntegerArray received = new AtomicIntegerArray(pairs);
        List<Future<?>> futures = new ArrayList<>();
        try {
            // receivers first: with pinning they would take every carrier and starve the senders
            for (int i = 0; i < pairs; i++) {
                futures.add(executor.submit((Callable<Void>) () -> {
                    received.incrementAndGet(ch.receiver().recv());
                    return null;
                }));
            }
            for (int i = 0; i < pairs; i++) {
                int msg = i;
                futures.add(executor.submit((Callable<Void>) () -> {
                    ch.sender().send(msg);
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
        for (int i = 0; i < pairs; i++) {
            assertEquals(1, received.get(i), "message " + i);
        }
        assertTrue(ch.receiver().tryRecv().isEmpty());
    }

    // Many virtual threads blocked in recv; one virtual thread must still get a carrier to feed them
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void blocked_virtual_threads_do_not_pin_carriers(TestFlavor flavor) throws Exception {
        int blocked = 1_000;
        ExecutorService executor = virtualThreads();
        Channel<Integer> ch = flavor.create();
        Channel<Integer> done = Channel.unbounded();
        try {
            for (int i = 0; i < blocked; i++) {
                executor.submit((Callable<Void>) () -> {
                    done.sender().send(ch.receiver().recv());
                    return null;
                });
            }
            Future<?> feeder = executor.submit((Callable<Void>) () -> {
                for (int i = 0; i < blocked; i++) {
                    ch.sender().send(i);
                }
                return null;
            });
            feeder.get(50, TimeUnit.SECONDS);
            long sum = 0;
            for (int i = 0; i < blocked; i++) {
                sum += done.receiver().recvTimeout(Duration.ofSeconds(50)).value();
            }
            assertEquals((long) blocked * (blocked - 1) / 2, sum);
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    // Virtual threads parked in send on a full bounded channel are woken by a virtual receiver
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void blocked_virtual_senders_are_woken(TestFlavor flavor) throws Exception {
        int senders = 2_000;
        ExecutorService executor = virtualThreads();
        Channel<Integer> ch = flavor.create();
        try {
            for (int i = 0; i < senders; i++) {
                int msg = i;
                executor.submit((Callable<Void>) () -> {
                    ch.sender().send(msg);
                    return null;
                });
            }
            Future<Long> summer = executor.submit(() -> {
                long sum = 0;
                for (int i = 0; i < senders; i++) {
                    sum += ch.receiver().recv();
                }
                return sum;
            });
            assertEquals((long) senders * (senders - 1) / 2, summer.get(50, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
