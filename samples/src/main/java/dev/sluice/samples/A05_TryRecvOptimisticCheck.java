package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.time.Duration;

/**
 * Ports the article's program 5: {@code try_recv} as an optimistic check while the main thread
 * keeps working, then draining with {@code try_recv}.
 *
 * <pre>{@code
 * let _handle = thread::spawn(move || -> Result<()> {
 *     thread::sleep(Duration::from_millis(5));
 *     sender.clone().send("Start!".to_owned())?;
 *     for i in 1..5 { sender.clone().send(format!("Hi {} from the spawned thread!", i))?; }
 *     sender.clone().send("Finish!".to_owned())?;
 *     drop(sender);
 *     Ok(())
 * });
 * while receiver.try_recv().is_err() {
 *     for i in 1..5 { println!("{} from the main thread!", i); }
 * }
 * while let Ok(received) = receiver.try_recv() { println!("Received: {received}"); }
 * }</pre>
 *
 * <p>Output, as the article shows it: the four lines {@code 1 from the main thread!} to
 * {@code 4 from the main thread!}, repeated as long as the channel is empty, then
 * {@code Received: Hi 1 from the spawned thread!} to {@code Hi 4} and {@code Received: Finish!}.
 *
 * <p><b>Where did "Start!" go?</b> The first loop's condition, {@code try_recv().is_err()}, is a
 * receive, not a peek: the call that finally succeeds takes {@code "Start!"} out of the channel,
 * the condition is false, and the value is dropped on the floor. The article's own output indeed
 * has no {@code Received: Start!} line. The port reproduces this on purpose.
 *
 * <p><b>Timing.</b> The drain loop stops at the first {@code Empty}. The Rust program therefore
 * relies on the spawned thread having sent its six messages, one right after the other, before
 * the main thread, busy printing, gets around to draining; if the spawned thread were descheduled
 * between two sends, the program would print fewer {@code Received} lines and end (the rest stay
 * in the channel and are dropped with it). {@link #main} runs the article's program as it is,
 * timing assumption included. {@link #run(Pause, boolean)} lets a caller replace the 5 ms sleep
 * (by nothing, or by a latch) and join the spawned thread before draining, which makes the
 * received lines certain while keeping every call of the article's program.
 */
public final class A05_TryRecvOptimisticCheck {

    /** What the spawned thread does before its first send. */
    @FunctionalInterface
    public interface Pause {
        void await() throws InterruptedException;

        /** {@code thread::sleep(duration)}. */
        static Pause sleep(Duration duration) {
            return () -> Thread.sleep(duration.toMillis());
        }
    }

    public static void main(String[] args) throws Exception {
        run(Pause.sleep(Duration.ofMillis(5)), false);          // the article's program, as it is
    }

    /**
     * Runs the program.
     *
     * @param beforeSending      the spawned thread's pause before {@code "Start!"}; the article
     *                           sleeps 5 ms
     * @param joinBeforeDraining {@code true} to wait for the spawned thread to end (all six
     *                           messages sent) before the drain loop; the article does not join
     *                           and relies on timing instead
     */
    static void run(Pause beforeSending, boolean joinBeforeDraining) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        try (Receiver<String> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {
                    beforeSending.await();                      // thread::sleep(Duration::from_millis(5))
                    try (Sender<String> clone = sender.clone()) {
                        clone.send("Start!");
                    }
                    for (int i = 1; i < 5; i++) {
                        try (Sender<String> clone = sender.clone()) {
                            clone.send("Hi " + i + " from the spawned thread!");
                        }
                    }
                    try (Sender<String> clone = sender.clone()) {
                        clone.send("Finish!");
                    }
                }
                // If the main thread has already closed its receiver, a send above throws and the
                // failure stays in the handle that nobody joins, like the Rust closure's Err.
            });

            // The optimistic check: any Empty (or Disconnected) keeps the main thread working.
            // The successful call's value, "Start!", is discarded here, as in the article.
            while (!receiver.tryRecv().isValue()) {
                for (int i = 1; i < 5; i++) {
                    System.out.println(i + " from the main thread!");
                }
            }

            if (joinBeforeDraining) {
                handle.join();
            }

            // while let Ok(received) = receiver.try_recv(): tryIter() ends at the first Empty.
            for (String received : receiver.tryIter()) {
                System.out.println("Received: " + received);
            }
        }
    }

    private A05_TryRecvOptimisticCheck() {
    }
}
