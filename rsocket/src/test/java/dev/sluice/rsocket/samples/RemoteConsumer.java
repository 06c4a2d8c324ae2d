package dev.sluice.rsocket.samples;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.rsocket.Codec;
import dev.sluice.rsocket.RemoteChannels;

/**
 * A consumer process of the two-process demo: an ordinary blocking Receiver of the producer's
 * "jobs" route, competing with the other consumers.
 * <pre>RemoteConsumer [name=A] [delayMicros=0] [port=7000] [capacity=16]</pre>
 * {@code delayMicros} simulates work per job (slow it down and the producers block). Every second
 * it prints the jobs it took.
 */
public final class RemoteConsumer {
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "A";
        long delayMicros = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 7000;
        int capacity = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        try (Receiver<String> jobs = RemoteChannels.receiver("127.0.0.1", port, "jobs", capacity, Codec.utf8())) {
            System.out.println("consumer " + name + " connected (local buffer " + capacity + ", " + delayMicros + " µs per job)");
            long count = 0;
            long periodStart = System.nanoTime();
            String last = "";
            try {
                for (;;) {
                    last = jobs.recv();                          // blocks; fails when the producer goes away
                    count++;
                    if (delayMicros > 0) {
                        Thread.sleep(delayMicros / 1000, (int) (delayMicros % 1000) * 1000);   // the "work"
                    }
                    if (System.nanoTime() - periodStart >= 1_000_000_000L) {
                        System.out.printf("consumer %s: %7d jobs/s (last: %s)%n", name, count, last);
                        count = 0;
                        periodStart = System.nanoTime();
                    }
                }
            } catch (DisconnectedException e) {
                System.out.println("consumer " + name + ": producer gone: " + e.getCause());
            }
        }
    }
}
