package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;

/**
 * Ports the article's program 1 ("Simple Implementation"): one message sent from a spawned thread
 * and received after {@code join}.
 *
 * <pre>{@code
 * let (sender, receiver) = channel::<String>();
 * let handle = thread::spawn(move || -> Result<()> {
 *     sender.send(String::from("Hi from spawned thread!"))?;
 *     drop(sender);
 *     Ok(())
 * });
 * handle.join().expect("Error Joining.")?;
 * let received = receiver.recv().context("Error receiving result.")?;
 * println!("Received: {received}");
 * }</pre>
 *
 * <p>Output: {@code Received: Hi from spawned thread!}. The channel is unbounded, so the send
 * completes even though nobody receives until the thread has ended; the message stays buffered
 * after the sender is closed.
 */
public final class A01_SendAfterJoin {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();          // mpsc::channel::<String>()
        Sender<String> sender = channel.sender();
        try (Receiver<String> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {                                  // drop(sender) when the block ends
                    sender.send("Hi from spawned thread!");
                }
            });

            handle.join();                                      // rethrows the thread's failure, like `?`
            String received = receiver.recv();                  // throws DisconnectedException if nothing was sent
            System.out.println("Received: " + received);
        }
    }

    private A01_SendAfterJoin() {
    }
}
