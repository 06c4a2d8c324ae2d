package dev.sluice.samples.experiment;

/**
 * The blocking consumer: a thread that receives ({@code recv}, {@code take}) until the stream
 * ends, under the rules of {@link Consumer}.
 */
final class ThreadConsumer implements Consumer {

    private final Pipe.Outlet outlet;
    private final double rate;
    private final LoadShape load;
    private final RunClock clock;
    private final Latencies latencies;

    ThreadConsumer(Pipe.Outlet outlet, double rate, LoadShape load, RunClock clock, RunCounters counters) {
        this.outlet = outlet;
        this.rate = rate;
        this.load = load;
        this.clock = clock;
        this.latencies = new Latencies(counters);
    }

    @Override
    public void run() throws InterruptedException {
        try (outlet) {
            clock.arriveAndAwaitStart();
            long start = clock.start();
            long end = clock.end();
            Pacer pacer = new Pacer(rate, start);
            Pacer.awaitInstant(start);
            boolean draining = false;
            for (;;) {
                long now = System.nanoTime();
                if (now - end < 0) {
                    load.awaitEndOfStall(now, start);
                    pacer.nextSlotWithoutCatchUp();             // the rate cap, during the run only
                } else if (!draining) {
                    clock.awaitDrain();
                    draining = true;
                }
                Stamp stamp = outlet.recv();
                if (stamp == null) {
                    return;                                     // the stream ended
                }
                latencies.record(stamp, System.nanoTime(), end);
            }
        }
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }
}
