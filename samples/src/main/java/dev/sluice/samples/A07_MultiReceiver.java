package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ports the article's "Multi-Receiver" section (Rust's nightly {@code mpmc} channel, described
 * without code): cloned receivers on worker threads compete, and each message goes to exactly one.
 *
 * <p>Output: {@code Received: job 1} to {@code Received: job 9}, in job order, then
 * {@code 9 jobs sent, 9 received by 3 receivers, none twice}.
 *
 * <p>Which worker gets which job depends on scheduling, so the workers do not print: each collects
 * what it received, and the main thread prints the union, sorted, after joining them. The last
 * line is computed, not written out: the total counts every reception, and "none twice" is the
 * check that no job appears in two workers' lists.
 */
public final class A07_MultiReceiver {

    static final int JOBS = 9;
    static final int WORKERS = 3;

    public static void main(String[] args) throws Exception {
        Channel<Integer> channel = Channel.unbounded();
        Receiver<Integer> receiver = channel.receiver();

        List<JoinHandle> handles = new ArrayList<>();
        List<List<Integer>> receivedByWorker = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Receiver<Integer> clone = receiver.clone();         // mpmc::Receiver::clone
            List<Integer> received = new ArrayList<>();         // written by the worker, read after join
            receivedByWorker.add(received);
            handles.add(JoinHandle.spawn("worker-" + (w + 1), () -> {
                try (clone) {
                    for (Integer job : clone) {                 // ends when the sender is closed
                        received.add(job);
                    }
                }
            }));
        }
        receiver.close();                                       // only the workers' clones receive

        try (Sender<Integer> sender = channel.sender()) {
            for (int job = 1; job <= JOBS; job++) {
                sender.send(job);
            }
        }                                                       // disconnects: the workers' loops end

        for (JoinHandle handle : handles) {
            handle.join();
        }

        List<Integer> all = new ArrayList<>();
        receivedByWorker.forEach(all::addAll);
        all.sort(null);
        for (int job : all) {
            System.out.println("Received: job " + job);
        }
        Set<Integer> distinct = new HashSet<>(all);
        System.out.println(JOBS + " jobs sent, " + all.size() + " received by " + WORKERS + " receivers, "
                + (distinct.size() == all.size() ? "none twice" : (all.size() - distinct.size()) + " twice"));
    }

    private A07_MultiReceiver() {
    }
}
