package dev.sluice.reactor;

import java.util.concurrent.RejectedExecutionException;
import reactor.core.scheduler.Schedulers;

/**
 * RendezvousHop: runs a drain loop on another thread when a rendezvous readiness callback fires
 * on the one thread that cannot act on it.
 *
 * <p>Implementation notes. On a rendezvous channel a readiness callback runs on the thread of the
 * party that just started waiting (a receiver in {@code recv()}, a sender in {@code send()}),
 * <em>before</em> that thread parks. Core never pairs a thread with itself, so a
 * {@code trySend}/{@code sendAsync}/{@code tryRecv}/{@code recvAsync} made from the callback on that
 * very thread cannot reach the waiting party, which would then park with nobody left to wake it.
 * The adapters therefore continue such late callbacks here.
 *
 * <p>The target is {@code Schedulers.boundedElastic()}, not {@code parallel()}: the continuation
 * itself never blocks, but it may deliver signals to user code ({@code onNext} of a subscriber,
 * {@code request} of a source), which must not find itself on a {@code NonBlocking} thread it did
 * not choose (BlockHound and {@link ReactorBlockingGuard} would reject a lock or a blocking call
 * there). If the schedulers were shut down, the task runs in place rather than being lost.
 */
final class RendezvousHop {
    private RendezvousHop() {
    }

    static void run(Runnable drain) {
        try {
            Schedulers.boundedElastic().schedule(drain);
        } catch (RejectedExecutionException shutDown) {
            drain.run();
        }
    }
}
