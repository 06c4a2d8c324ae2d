package dev.sluice.rsocket;

import dev.sluice.Receiver;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The close watcher: disposes a remote receiver's connection once the application closed (or
 * dropped) the {@link Receiver} handle.
 */
final class CloseWatcher {
    /*
     * Why poll. ChannelFlux.toReceiver notices a closed receiver at once only while it waits for
     * room; while it has demand outstanding it notices at the next message, and a remote stream
     * may stay quiet for a long time. The server would keep the stream's Receiver clone (and
     * send it the next message, which would be discarded here) until then. So one daemon thread
     * checks every registered handle every PERIOD and disposes the connection of those that are
     * closed or were garbage-collected (weak reference: the watcher never keeps a leaked handle
     * alive; core's Cleaner releases it). Cost: one volatile read per open remote receiver per
     * period. Entries whose connection ended are dropped.
     */
    static final Duration PERIOD = Duration.ofMillis(50);

    private static final Queue<Entry> ENTRIES = new ConcurrentLinkedQueue<>();
    private static final Scheduler SCHEDULER = Schedulers.newSingle("sluice-rsocket-close-watch", true);

    static {
        SCHEDULER.schedulePeriodically(CloseWatcher::sweep, PERIOD.toMillis(), PERIOD.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private CloseWatcher() {
    }

    static void watch(Receiver<?> receiver, Disposable connection) {
        ENTRIES.add(new Entry(new WeakReference<>(receiver), connection));
    }

    private static void sweep() {
        ENTRIES.removeIf(e -> {
            if (e.connection.isDisposed()) {
                return true;
            }
            Receiver<?> r = e.receiver.get();
            if (r == null || r.isClosed()) {
                e.connection.dispose();
                return true;
            }
            return false;
        });
    }

    private record Entry(WeakReference<Receiver<?>> receiver, Disposable connection) {
    }
}
