package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Select;
import dev.sluice.SelectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker that selects over a work channel, a control channel and a {@code tick} heartbeat,
 * and stops on a deadline (crossbeam's {@code select!} loop with {@code tick} and {@code at}).
 *
 * <pre>{@code
 * loop {
 *     select! {
 *         recv(work) -> job => match job { Ok(j) => ..., Err(_) => work = never() },
 *         recv(control) -> cmd => ...,
 *         recv(heartbeat) -> _ => beats += 1,
 *         recv(deadline) -> _ => break,
 *     }
 * }
 * }</pre>
 *
 * <p>Output (deterministic): the three jobs, the flush report, the closed work channel, then the
 * deadline. The select is biased (arms in that order) and both channels are rendezvous
 * channels, so the main thread's "flush" can only be taken after the last job was; the
 * heartbeat (every 20 ms) is always seen before the 300 ms deadline because it comes first.
 * When the work channel disconnects, its arm is replaced by {@code Channel.never()}, crossbeam's
 * way to disable an arm.
 */
public final class B01_SelectWorker {

    public static void main(String[] args) throws Exception {
        Channel<Integer> work = Channel.rendezvous();
        Channel<String> control = Channel.rendezvous();
        Receiver<Instant> heartbeat = Channel.tick(Duration.ofMillis(20));
        Receiver<Instant> deadline = Channel.at(Instant.now().plusMillis(300));

        Worker w = new Worker(work.receiver(), control.receiver(), heartbeat, deadline);
        JoinHandle worker = JoinHandle.spawn("worker", w::run);

        for (int job = 1; job <= 3; job++) {
            work.sender().send(job);            // rendezvous: returns once the worker took it
        }
        control.sender().send("flush");
        work.sender().close();                  // the worker sees the disconnection next
        worker.join();
    }

    /** The worker's state; one fluent select per loop turn. */
    private static final class Worker {
        private final Receiver<Integer> work;
        private final Receiver<String> control;
        private final Receiver<Instant> heartbeat;
        private final Receiver<Instant> deadline;
        private final Receiver<Instant> never = Channel.never();
        private final List<Integer> processed = new ArrayList<>();
        private boolean workOpen = true;
        private int beats;

        Worker(Receiver<Integer> work, Receiver<String> control, Receiver<Instant> heartbeat,
                Receiver<Instant> deadline) {
            this.work = work;
            this.control = control;
            this.heartbeat = heartbeat;
            this.deadline = deadline;
        }

        void run() throws InterruptedException {
            boolean running = true;
            while (running) {
                SelectBuilder<Boolean> select = workOpen
                        ? Select.on(work, this::job, this::workClosed)
                        : Select.on(never, at -> true);            // the disabled work arm
                running = select
                        .on(control, cmd -> {
                            System.out.println(cmd + ": processed " + processed);
                            return true;
                        })
                        .on(heartbeat, beat -> {
                            beats++;
                            return true;
                        })
                        .on(deadline, at -> {
                            System.out.println("deadline: stopping, heartbeat seen: " + (beats > 0));
                            return false;
                        })
                        .biased()
                        .select();
            }
        }

        private Boolean job(Integer job) {
            processed.add(job);
            System.out.println("job " + job);
            return true;
        }

        private Boolean workClosed() {
            System.out.println("work channel closed; that arm is now never()");
            workOpen = false;
            return true;
        }
    }

    private B01_SelectWorker() {
    }
}
