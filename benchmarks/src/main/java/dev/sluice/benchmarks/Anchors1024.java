package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Anchors1024: {@code Channel.bounded(1024)} against the stronger anchors in the spsc shape (one
 * producer thread, the benchmark thread receives): the LMAX Disruptor 4.0 (single- and
 * multi-producer, {@code BlockingWaitStrategy} and {@code YieldingWaitStrategy}), JCTools'
 * {@code MpscBlockingConsumerArrayQueue} and the spinning {@code SpscArrayQueue} ceiling, with
 * {@code ArrayBlockingQueue} in the same run. Every impl here takes one producer; the mpsc shape
 * is {@link Anchors1024Mpsc}, whose impls take many. See {@link Pipes} for each name.
 */
public class Anchors1024 extends ChannelShapes {
    @Param({"sluice", "ArrayBlockingQueue", "disruptor-sp-blocking", "disruptor-mp-blocking", "disruptor-sp-yielding",
            "jctools-mpsc-blocking", "jctools-spsc-spin"})
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
    public void spsc() throws InterruptedException {
        runSpsc();
    }
}
