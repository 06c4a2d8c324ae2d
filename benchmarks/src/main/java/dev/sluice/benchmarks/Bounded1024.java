package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Bounded1024: crossbeam's {@code bounded_n} cells with n = 1024: Sluice's {@code
 * Channel.bounded(1024)} against {@code ArrayBlockingQueue(1024)} and {@code
 * LinkedBlockingQueue(1024)}. The buffer absorbs bursts, so these cells measure the lock-free
 * (Sluice) versus locked (JDK) fast paths.
 */
public class Bounded1024 extends ChannelShapes {
    @Param({"sluice", "ArrayBlockingQueue", "LinkedBlockingQueue"})
    public String impl;

    @Override
    protected String impl() {
        return impl;
    }

    @Override
    protected int capacity() {
        return 1024;
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
