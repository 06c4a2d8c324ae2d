package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Rendezvous: crossbeam's {@code bounded0} cells. Sluice's {@code Channel.bounded(0)} against
 * {@link java.util.concurrent.SynchronousQueue} ({@code put}/{@code take}) and
 * {@link java.util.concurrent.LinkedTransferQueue} ({@code transfer}/{@code take}). Every message
 * is a hand-off between two threads, so these cells measure wake-up cost. No {@code seq}.
 */
public class Rendezvous extends ChannelShapes {
    @Param({"sluice", "SynchronousQueue", "LinkedTransferQueue"})
    public String impl;

    @Override
    protected String impl() {
        return impl;
    }

    @Override
    protected int capacity() {
        return 0;
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
