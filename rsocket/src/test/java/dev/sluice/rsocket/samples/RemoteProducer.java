package dev.sluice.rsocket.samples;

import dev.sluice.Channel;
import dev.sluice.Sender;
import dev.sluice.rsocket.ChannelServer;
import dev.sluice.rsocket.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The producer process of the two-process demo: legacy blocking threads send jobs into a bounded
 * channel that a ChannelServer serves on route "jobs"; consumer processes compete for them.
 * <pre>RemoteProducer [port=7000] [producers=4] [capacity=64] [seconds=0 (forever)]</pre>
 * Every second it prints how many jobs the producers got into the channel, the channel's depth,
 * how many producer threads are blocked in send, and the connected consumers.
 */
public final class RemoteProducer {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int capacity = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Channel<String> jobs = Channel.bounded(capacity);
        LongAdder produced = new LongAdder();
        AtomicBoolean[] inSend = new AtomicBoolean[producers];
        List<Thread> threads = new ArrayList<>();
        try (ChannelServer server = ChannelServer.builder().serve("jobs", jobs.receiver(), Codec.utf8()).bind("127.0.0.1", port)) {
            System.out.println("serving route 'jobs' on " + server.address() + " (capacity " + capacity + ", "
                    + producers + " blocking producers)");
            Sender<String> tx = jobs.sender();
            for (int p = 0; p < producers; p++) {
                Sender<String> mine = tx.clone();
                AtomicBoolean flag = inSend[p] = new AtomicBoolean();
                int id = p;
                Thread t = new Thread(() -> {                   // a legacy thread: plain blocking calls
                    try (mine) {
                        for (long i = 0; ; i++) {
                            flag.set(true);
                            mine.send("job " + id + "-" + i);   // waits while every consumer is busy
                            flag.set(false);
                            produced.increment();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "producer-" + p);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            tx.close();
            long last = 0;
            for (int s = 1; seconds == 0 || s <= seconds; s++) {
                Thread.sleep(1000);                             // a reporting period, not synchronization
                long now = produced.sum();
                int blocked = 0;
                for (int p = 0; p < producers; p++) {
                    Thread.State st = threads.get(p).getState();
                    if (inSend[p].get() && (st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING)) {
                        blocked++;
                    }
                }
                System.out.printf("produced %7d jobs/s | depth %3d/%d | producers blocked in send %d/%d | consumers %d%n",
                        now - last, jobs.sender().len(), capacity, blocked, producers, server.subscribers("jobs"));
                last = now;
            }
            threads.forEach(Thread::interrupt);
        }
    }
}
