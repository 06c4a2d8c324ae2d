package dev.sluice.benchmarks;

/**
 * Pipe: one queue under test, seen as "send these messages" and "receive this many".
 *
 * <p>Each implementation has its own send and receive loops, so the loop's call site into the
 * queue is monomorphic in the benchmark code itself and the only polymorphism measured is the one
 * inside the library (Sluice's flavor dispatch; see {@link ChannelShapes}). A pipe is shared by all
 * worker threads of a run: every operation used is thread-safe.
 */
abstract class Pipe implements AutoCloseable {

    /** Sends {@code messages[from, to)} in order, waiting while the queue is full. */
    abstract void produce(Integer[] messages, int from, int to) throws InterruptedException;

    /** Receives {@code count} messages, waiting while the queue is empty; returns their sum. */
    abstract long consume(int count) throws InterruptedException;

    /** Releases the queue's handles, if it has any. */
    @Override
    public void close() {
    }
}
