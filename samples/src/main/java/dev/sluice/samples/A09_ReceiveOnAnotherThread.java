package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;

/**
 * Ports the article's program "Receive on Another Thread": one thread sends, another receives,
 * and the main thread joins both.
 *
 * <pre>{@code
 * let send_handler = thread::spawn(move || -> Result<()> {
 *     sender.send(String::from("Hi from send thread!"))?;
 *     drop(sender);
 *     Ok(())
 * });
 * let receive_handler = thread::spawn(move || -> Result<()> {
 *     let received = receiver.recv().context("Error receiving result.")?;
 *     println!("Received: {received}"); // Received: Hi from spawned thread!
 *     Ok(())
 * });
 * send_handler.join().expect("Error Joining.")?;
 * receive_handler.join().expect("Error Joining.")?;
 * }</pre>
 *
 * <p>Output: {@code Received: Hi from send thread!}. The article's comment says
 * {@code Hi from spawned thread!}, copied from program 1, but this program sends
 * {@code "Hi from send thread!"}; the port prints what the code sends. The receiving thread may
 * start before or after the message is sent: {@code recv()} waits for it either way.
 */
public final class A09_ReceiveOnAnotherThread {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        Receiver<String> receiver = channel.receiver();

        JoinHandle sendHandle = JoinHandle.spawn("send", () -> {
            try (sender) {
                sender.send("Hi from send thread!");
            }
        });
        JoinHandle receiveHandle = JoinHandle.spawn("receive", () -> {
            try (receiver) {                                    // the receiver moves into this thread
                String received = receiver.recv();
                System.out.println("Received: " + received);
            }
        });

        sendHandle.join();
        receiveHandle.join();
    }

    private A09_ReceiveOnAnotherThread() {
    }
}
