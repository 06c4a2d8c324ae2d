package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;

/**
 * Ports the article's program 2 ("Send"): a cloned sender per message, every handle closed, then
 * {@code while let Ok(received) = receiver.recv()} until the channel disconnects.
 *
 * <pre>{@code
 * let clone = sender.clone();
 * clone.send("Start!".to_owned())?;
 * drop(clone);
 * for i in 1..5 {
 *     let clone = sender.clone();
 *     clone.send(format!("Hi {} from the spawned thread!", i))?;
 *     drop(clone);
 * }
 * drop(sender);
 * ...
 * handle.join().expect("Error Joining.")?;
 * while let Ok(received) = receiver.recv() { println!("Received: {received}"); }
 * }</pre>
 *
 * <p>Output: {@code Received: Start!}, then {@code Received: Hi 1 from the spawned thread!} to
 * {@code Hi 4}. The comment under the article's loop also lists {@code Received: Finish!}, but
 * this program never sends {@code "Finish!"} (only the later program 5 does); the port keeps what
 * the code does, so there is no {@code Finish!} line.
 *
 * <p>The loop ends because every sender handle (the original and each clone) is closed: the
 * receiver then drains what is buffered and sees the disconnection. A clone left open would make
 * the {@code for} loop wait forever, exactly as in Rust.
 */
public final class A02_ClonedSenders {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        try (Receiver<String> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {                                  // drop(sender) at the end
                    try (Sender<String> clone = sender.clone()) {
                        clone.send("Start!");
                    }                                           // drop(clone)
                    for (int i = 1; i < 5; i++) {               // Rust's 1..5 excludes 5
                        try (Sender<String> clone = sender.clone()) {
                            clone.send("Hi " + i + " from the spawned thread!");
                        }
                    }
                    // No "Finish!" here: the article's code does not send it (see the class comment).
                }
            });

            handle.join();
            for (String received : receiver) {                  // while let Ok(received) = receiver.recv()
                System.out.println("Received: " + received);
            }
        }
    }

    private A02_ClonedSenders() {
    }
}
