package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Unbounded: crossbeam's {@code unbounded} cells: Sluice's {@code Channel.unbounded()} against an
 * unbounded {@code LinkedBlockingQueue} and {@code LinkedTransferQueue} ({@code put}/{@code
 * take}). Sends never wait; receivers wait when they overtake the senders.
 */
public class Unbounded extends ChannelShapes {
    @Param({"sluice", "LinkedBlockingQueue", "LinkedTransferQueue"})
    public String impl;

    @Override
    protected String impl() {
        return impl;
    }

    @Override
    protected int capacity() {
        return Pipes.UNBOUNDED;
    }

    @Benchmark
    public void seq() throws InterruptedException {
        runSeq();
    }

    @Benchmark
    public void spsc() throws InterruptedException {
        runSpsc();
    }

    @Benchmark
    public void mpsc() throws InterruptedException {
        runMpsc();
    }

    @Benchmark
    public void mpmc() throws InterruptedException {
        runMpmc();
    }
}
