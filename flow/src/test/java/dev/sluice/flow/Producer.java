package dev.sluice.flow;

import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Producer: a legacy thread that sends 0, 1, 2, ... with the blocking {@code send} and counts
 * what the channel accepted; {@link #outcome} says how it ended.
 */
final class Producer {
    final AtomicInteger sent = new AtomicInteger();
    /** Completes when the thread ends: normally after {@code count} items, or with the send's failure. */
    final CompletableFuture<Void> outcome = new CompletableFuture<>();
    final Thread thread;

    Producer(Sender<Integer> tx, int count) {
        thread = new Thread(() -> {
            try (tx) {
                for (int i = 0; i < count; i++) {
                    tx.send(i);
                    sent.incrementAndGet();
                }
                outcome.complete(null);
            } catch (SendDisconnectedException | InterruptedException e) {
                outcome.completeExceptionally(e);
            }
        }, "legacy-producer");
        thread.setDaemon(true);
        thread.start();
    }
}
