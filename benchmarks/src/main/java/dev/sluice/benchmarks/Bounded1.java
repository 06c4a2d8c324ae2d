package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Bounded1: crossbeam's {@code bounded1} cells: Sluice's {@code Channel.bounded(1)} against {@code
 * ArrayBlockingQueue(1)} and {@code LinkedBlockingQueue(1)}. A one-slot buffer makes nearly every
 * operation wait for the other side, so like the rendezvous cells these measure wake-up cost.
 */
public class Bounded1 extends ChannelShapes {
    @Param({"sluice", "ArrayBlockingQueue", "LinkedBlockingQueue"})
    public String impl;

    @Override
    protected String impl() {
        return impl;
    }

    @Override
    protected int capacity() {
        return 1;
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
