package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.TryRecvResult;

/**
 * Ports the article's program 3 ("Other Recv Options"): {@code try_recv} after {@code join}
 * finds the message, because the spawned thread has sent it before it ended.
 *
 * <pre>{@code
 * handle.join().expect("Error Joining.")?;
 * let received = receiver.try_recv().context("Error receiving result.")?;
 * println!("Received: {received}");
 * }</pre>
 *
 * <p>Output: {@code Received: Hi from spawned thread!}. {@code tryRecv()} never blocks; it returns
 * a {@link TryRecvResult} ({@code Value}, {@code Empty} or {@code Disconnected}) where Rust returns
 * {@code Result<T, TryRecvError>}. {@code value()} plays the part of {@code ?}: it throws if there
 * is no message. Here the sender is already closed too, yet the buffered message still comes
 * first: disconnection is reported only once the channel is empty.
 */
public final class A03_TryRecvAfterJoin {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        try (Receiver<String> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {
                    sender.send("Hi from spawned thread!");
                }
            });

            handle.join();
            TryRecvResult<String> result = receiver.tryRecv();
            String received = result.value();                   // throws NoSuchElementException on Empty/Disconnected
            System.out.println("Received: " + received);
        }
    }

    private A03_TryRecvAfterJoin() {
    }
}
