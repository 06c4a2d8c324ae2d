package dev.sluice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VirtualThreadCancelStorm: issue 7.1's reproduction, as a program for a forked JVM. Virtual
 * threads issue {@code recvAsync()} and {@code cancel()} in a loop while platform threads contend
 * the channel (a sender and a receiver). With {@code PollingFuture} spinning on another thread's
 * attempt, a cancelling virtual thread occupied the very carrier that attempt needed, and with one
 * carrier the scheduler wedged. Exits 0 once every message was received exactly once; the
 * caller's timeout catches a hang. Args: flavor name.
 */
public final class VirtualThreadCancelStorm {
    public static void main(String[] args) throws Exception {
        TestFlavor flavor = TestFlavor.valueOf(args[0]);
        int virtualThreads = 32;
        int roundsEach = 2_000;
        int messages = 100_000;
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        AtomicLong received = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);

        Thread producer = new Thread(() -> {
            try (tx) {
                for (int i = 1; i <= messages; i++) {
                    tx.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                producing.set(false);
            }
        }, "platform-sender");
        Thread consumer = new Thread(() -> {
            for (;;) {
                TryRecvResult<Integer> r = rx.tryRecv();
                if (r.isValue()) {
                    received.incrementAndGet();
                    sum.addAndGet(r.value());
                } else if (r.isDisconnected()) {
                    return;
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "platform-receiver");
        producer.setDaemon(true);
        consumer.setDaemon(true);
        producer.start();
        consumer.start();

        ExecutorService vts = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < virtualThreads; t++) {
            done.add(vts.submit(() -> {
                for (int i = 0; i < roundsEach; i++) {
                    CompletableFuture<Integer> f = rx.recvAsync();
                    if (!f.cancel(false)) {
                        try {
                            int v = f.get(30, TimeUnit.SECONDS);
                            received.incrementAndGet();
                            sum.addAndGet(v);
                        } catch (java.util.concurrent.ExecutionException e) {
                            return null;             // disconnected: the producer is done
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        producer.join(Duration.ofSeconds(60).toMillis());
        consumer.join(Duration.ofSeconds(60).toMillis());
        long expectedSum = (long) messages * (messages + 1) / 2;
        if (received.get() != messages || sum.get() != expectedSum) {
            System.out.println("lost or duplicated: received " + received.get() + " of " + messages
                    + ", sum " + sum.get() + " vs " + expectedSum);
            System.exit(2);
        }
        System.out.println("ok " + flavor + ": " + messages + " messages, " + virtualThreads + " cancelling virtual threads");
        System.exit(0);
    }
}
