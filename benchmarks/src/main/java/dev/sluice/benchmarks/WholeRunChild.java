package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * WholeRunChild: the JVM {@link WholeRun} starts for one queue implementation: runs each given
 * scenario as crossbeam does, and prints one tab-separated line per timed run,
 * {@code run, scenario, messages, wall ns, process CPU ns} (the Rust program's format).
 *
 * <p>Crossbeam's shape: the timed region starts before the channel is created and ends after the
 * last thread is joined, so creating the queue, starting and joining {@code 1 + 4} or
 * {@code 4 + 4} threads are inside it; every message is a pre-boxed {@code Integer} and the sum
 * received is checked. Unlike Rust, a JVM needs its JIT warm: each scenario first makes
 * {@code warmups} untimed runs of a fifth of its messages, in the same shape. A Sluice JVM first
 * primes every flavor ({@link Priming}), so its dispatch is polymorphic as in an application;
 * a JDK queue's JVM sees only that queue (its best case). CPU time is the whole process's
 * (all threads, JIT and GC included), from {@code OperatingSystemMXBean.getProcessCpuTime()}.
 *
 * <pre>java -cp benchmarks.jar dev.sluice.benchmarks.WholeRunChild IMPL MESSAGES SLOW WARMUPS RUNS SCENARIO...</pre>
 */
public final class WholeRunChild {
    private WholeRunChild() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        int messages = Integer.parseInt(args[1]);
        int slow = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        if (impl.equals(Pipes.SLUICE)) {
            Priming.primeSluiceFlavors();
        }
        Integer[] boxed = Messages.boxed(messages);
        for (int a = 5; a < args.length; a++) {
            Scenario scenario = Scenario.parse(args[a]);
            int n = scenario.slow() ? slow : messages;
            for (int w = 0; w < warmups; w++) {
                runOnce(impl, scenario, boxed, Math.max(1, n / 5));
            }
            for (int r = 0; r < runs; r++) {
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                runOnce(impl, scenario, boxed, n);
                long wall = System.nanoTime() - start;
                System.out.println("run\t" + scenario.name() + "\t" + n + "\t" + wall + "\t" + (processCpuNanos() - cpu));
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One whole run: create the queue, start the threads, move {@code n} messages, join; checks the sum. */
    static void runOnce(String impl, Scenario scenario, Integer[] boxed, int n) throws InterruptedException {
        Pipe pipe = Pipes.open(impl, scenario.capacity());
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        long[] sums = new long[scenario.consumers()];
        int producers = scenario.producers();
        for (int p = 0; p < producers; p++) {
            int from = share(n, producers, p);
            int to = share(n, producers, p + 1);
            threads.add(worker("producer-" + p, failure, () -> pipe.produce(boxed, from, to)));
        }
        for (int c = 0; c < scenario.consumers(); c++) {
            int index = c;
            int count = share(n, scenario.consumers(), c + 1) - share(n, scenario.consumers(), c);
            threads.add(worker("consumer-" + c, failure, () -> sums[index] = pipe.consume(count)));
        }
        threads.forEach(Thread::start);
        long sum = 0;
        if (scenario.consumers() == 0) {
            sum = pipe.consume(n);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        pipe.close();
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException(scenario.name() + " on " + impl + " failed", failure[0]);
            }
        }
        for (long s : sums) {
            sum += s;
        }
        long expected = (long) n * (n - 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException(impl + " " + scenario.name() + ": received values sum to " + sum
                    + ", sent " + expected + ": a message was lost or duplicated");
        }
    }

    private interface Work {
        void run() throws InterruptedException;
    }

    private static Thread worker(String name, Throwable[] failure, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (InterruptedException | RuntimeException | Error e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static int share(int total, int parts, int part) {
        return (int) ((long) total * part / parts);
    }
}
