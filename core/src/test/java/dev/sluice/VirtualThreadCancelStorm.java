package dev.sluice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VirtualThreadCancelStorm: a reproduction, as a program for a forked JVM. Virtual
 * threads send (so the continuations of pending receives run on virtual threads) and cancel each
 * other's pending {@code recvAsync()} futures, while platform threads contend the channel's locks
 * with a sender and a receiver of their own. The old {@code PollingFuture.tryAbort} spun while
 * another thread's attempt was in flight; when that attempt's virtual thread had unmounted on a
 * contended lock, the spinning canceller held the only carrier it needed, and the scheduler
 * wedged. Exits 0 once every message was received exactly once; the caller's timeout catches a
 * hang. Args: flavor name.
 */
public final class VirtualThreadCancelStorm {
    public static void main(String[] args) throws Exception {
        TestFlavor flavor = TestFlavor.valueOf(args[0]);
        int workers = 16;
        int perSender = 20_000;
        AtomicLong platformSent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean workersDone = new java.util.concurrent.atomic.AtomicBoolean();
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        AtomicLong received = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<Integer>> pending = new ConcurrentLinkedQueue<>();

        Sender<Integer> platformTx = tx.clone();
        Thread platformSender = new Thread(() -> {
            try (platformTx) {
                while (!workersDone.get()) {                 // contend for as long as the storm lasts
                    if (platformTx.sendTimeout(1, java.time.Duration.ofMillis(1)) == SendTimeoutResult.OK) {
                        platformSent.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "platform-sender");
        Thread platformReceiver = new Thread(() -> {
            for (;;) {
                TryRecvResult<Integer> r = rx.tryRecv();
                if (r.isValue()) {
                    received.incrementAndGet();
                } else if (r.isDisconnected()) {
                    return;
                } else {
                    Thread.yield();
                }
            }
        }, "platform-receiver");
        platformSender.setDaemon(true);
        platformReceiver.setDaemon(true);
        platformSender.start();
        platformReceiver.start();

        ExecutorService vts = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            Sender<Integer> mine = tx.clone();
            done.add(vts.submit(() -> {
                try (mine) {
                    for (int i = 0; i < perSender; i++) {
                        pending.add(rx.recvAsync());
                        mine.send(1);                      // continuations of others' futures run here
                        CompletableFuture<Integer> other = pending.poll();
                        if (other != null && !other.cancel(false)) {
                            settle(other, received);
                        }
                    }
                }
                return null;
            }));
        }
        tx.close();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        workersDone.set(true);
        platformSender.join(60_000);
        long total = (long) workers * perSender + platformSent.get();
        for (CompletableFuture<Integer> f; (f = pending.poll()) != null; ) {
            if (!f.cancel(false)) {
                settle(f, received);
            }
        }
        platformReceiver.join(60_000);
        if (platformReceiver.isAlive() || received.get() != total) {
            System.out.println("lost or duplicated: received " + received.get() + " of " + total);
            System.exit(2);
        }
        System.out.println("ok " + flavor + ": " + total + " messages, " + workers + " cancelling virtual threads");
        System.exit(0);
    }

    private static void settle(CompletableFuture<Integer> f, AtomicLong received) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
            received.incrementAndGet();
        } catch (ExecutionException disconnected) {
            // the channel ended before this receive got a message
        }
    }
}
