package dev.sluice.samples;

import java.util.Objects;

/**
 * A started thread whose body may fail, and whose {@link #join()} reports that failure: the
 * samples' stand-in for Rust's {@code thread::spawn(move || -> Result<()> { .. })} and
 * {@code handle.join().expect(..)?}.
 *
 * <p>A plain {@link Thread} prints an uncaught exception to {@code System.err} and lets
 * {@code join()} return as if nothing happened; the article's programs instead propagate the
 * spawned closure's error out of {@code main} with {@code ?}. {@code JoinHandle} keeps that
 * behaviour: the body's exception is stored, and {@code join()} rethrows it on the joining
 * thread. A sample whose spawned thread fails therefore fails its {@code main}, and its test.
 *
 * <pre>{@code
 * JoinHandle handle = JoinHandle.spawn("sender", () -> {
 *     try (sender) { sender.send("Hi from spawned thread!"); }   // drop(sender) when the block ends
 * });
 * handle.join();                                                  // rethrows what the body threw
 * }</pre>
 *
 * <p>Invariant: {@code failure} is written by the spawned thread before it terminates and read
 * by the joiner only after {@link Thread#join()} returned, which orders the write before the read.
 */
public final class JoinHandle {

    /** A thread body that may throw, like a Rust closure returning {@code Result<()>}. */
    @FunctionalInterface
    public interface Body {
        /** Runs on the spawned thread. */
        void run() throws Exception;
    }

    private final Thread thread;
    private Throwable failure;          // written by the spawned thread, read after join()

    private JoinHandle(String name, Body body) {
        Objects.requireNonNull(body, "body");
        this.thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
    }

    /** Starts {@code body} on a new platform thread named {@code name}: Rust's {@code thread::spawn}. */
    public static JoinHandle spawn(String name, Body body) {
        JoinHandle handle = new JoinHandle(name, body);
        handle.thread.start();
        return handle;
    }

    /**
     * Waits for the thread to end, then rethrows what its body threw, if anything.
     *
     * @throws Exception the body's exception (an {@link Error} is rethrown as is)
     */
    public void join() throws Exception {
        thread.join();
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("spawned thread failed", failure);
        }
    }

    /** The thread's state now (NEW, RUNNABLE, WAITING, ...): a snapshot, for the samples' output. */
    public Thread.State state() {
        return thread.getState();
    }
}
