package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Anchors1024Mpsc: {@code Channel.bounded(1024)} against the stronger anchors in the mpsc shape
 * ({@value ChannelShapes#THREADS} producer threads, the benchmark thread receives): the
 * multi-producer Disruptor ({@code BlockingWaitStrategy}, {@code YieldingWaitStrategy}), JCTools'
 * {@code MpscBlockingConsumerArrayQueue} and the spinning {@code MpscArrayQueue} ceiling, with
 * {@code ArrayBlockingQueue} in the same run. See {@link Pipes} for each name.
 */
public class Anchors1024Mpsc extends ChannelShapes {
    @Param({"sluice", "ArrayBlockingQueue", "disruptor-mp-blocking", "disruptor-mp-yielding", "jctools-mpsc-blocking",
            "jctools-mpsc-spin"})
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
    public void mpsc() throws InterruptedException {
        runMpsc();
    }
}
