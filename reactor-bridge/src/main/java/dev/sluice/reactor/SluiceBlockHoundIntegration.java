package dev.sluice.reactor;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Teaches BlockHound which waits inside Sluice's non-blocking operations are harmless, so that
 * the bridge can run on Reactor's non-blocking threads under BlockHound. Loaded automatically
 * (through {@link java.util.ServiceLoader}) by {@code BlockHound.install()} when
 * {@code sluice-reactor} is on the class path; BlockHound itself stays an optional dependency.
 *
 * <p>Allowed: the bounded spin/yield of core's lock-free retry loops ({@code Backoff}), and the
 * short critical sections of the channel locks ({@code SyncWaker}, {@code DisconnectWatches}, and
 * the rendezvous flavor's one lock acquisition, {@code ZeroFlavor.acquireLock}, used by every
 * operation of that flavor:
 * watch, rearm, tryReady, trySend, tryRecv, select registration), which are held for a few field
 * writes and never across a wait, but which a Reactor thread may have to wait a moment for when
 * another thread holds them (every section that takes one is listed, closing a handle's
 * {@code abortWaitersOf} included); plus
 * the spin of an async future's cancellation while an attempt is in flight. A thread that really
 * waits for a message or for room ({@code send}, {@code recv} and their timed forms) still parks,
 * and BlockHound still reports it on a non-blocking thread (the {@link ReactorBlockingGuard}
 * usually rejects the call first). Readiness callbacks that those sections run (user code, such
 * as a Flux's {@code onNext}) are checked again.
 */
public final class SluiceBlockHoundIntegration implements BlockHoundIntegration {
    /** Core classes and methods whose waits are bounded and never wait for another party. */
    static final String[][] ALLOWED = {
            {"dev.sluice.Backoff", "spin"},
            {"dev.sluice.Backoff", "snooze"},
            {"dev.sluice.SyncWaker", "register"},
            {"dev.sluice.SyncWaker", "unregister"},
            {"dev.sluice.SyncWaker", "watch"},
            {"dev.sluice.SyncWaker", "unwatch"},
            {"dev.sluice.SyncWaker", "notifyOne"},
            {"dev.sluice.SyncWaker", "disconnect"},
            {"dev.sluice.SyncWaker", "abortWaitersOf"},
            {"dev.sluice.DisconnectWatches", "watch"},
            {"dev.sluice.DisconnectWatches", "unwatch"},
            {"dev.sluice.DisconnectWatches", "fire"},
            {"dev.sluice.ZeroFlavor", "acquireLock"},
            {"dev.sluice.PollingFuture", "tryAbort"},
    };

    /** Where core runs readiness callbacks: user code, checked again. */
    static final String[] CALLBACK = {"dev.sluice.CallbackWaiter", "wake"};

    @Override
    public void applyTo(BlockHound.Builder builder) {
        for (String[] allowed : ALLOWED) {
            builder.allowBlockingCallsInside(allowed[0], allowed[1]);
        }
        builder.disallowBlockingCallsInside(CALLBACK[0], CALLBACK[1]);
    }
}
