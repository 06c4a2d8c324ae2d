package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.TryRecvResult;
import java.util.concurrent.CountDownLatch;

/**
 * Ports the article's program 4: {@code try_recv} without {@code join} reports {@code Empty},
 * because it does not wait for the spawned thread's message.
 *
 * <pre>{@code
 * let handle = thread::spawn(move || -> Result<()> {
 *     sender.send(String::from("Hi from spawned thread!"))?;
 *     drop(sender);
 *     Ok(())
 * });
 * assert!(receiver.try_recv().is_err());
 * }</pre>
 *
 * <p>Output: {@code try_recv without join: Empty}.
 *
 * <p>The Rust program relies on timing: it assumes the new thread has not sent yet when the main
 * thread calls {@code try_recv} a few microseconds after {@code spawn}. That is very likely but
 * not guaranteed (a fast thread start, a descheduled main thread), and then its assertion fails.
 * The port makes the outcome certain: the spawned thread waits on a latch that the main thread
 * opens only after its check, so the check always sees an empty channel. Only the ordering is
 * added; the calls are the article's.
 */
public final class A04_TryRecvWithoutJoin {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        CountDownLatch checked = new CountDownLatch(1);         // opened after main's try_recv
        try (Receiver<String> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {
                    checked.await();                            // not in the Rust program: see above
                    sender.send("Hi from spawned thread!");
                }
            });

            try {
                TryRecvResult<String> result = receiver.tryRecv();   // does not wait
                if (!result.isEmpty()) {                             // assert!(receiver.try_recv().is_err())
                    throw new AssertionError("expected Empty, got " + result);
                }
                System.out.println("try_recv without join: Empty");
            } finally {
                checked.countDown();                            // let the spawned thread send and end
            }
            handle.join();
        }
    }

    private A04_TryRecvWithoutJoin() {
    }
}
