package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import dev.sluice.Sender;
import java.time.Duration;
import java.time.Instant;

/**
 * Ports the article's {@code recv_timeout} / {@code recv_deadline} paragraph (it describes them
 * without code): a timed receive ends with a message, a {@code Timeout}, or {@code Disconnected}.
 *
 * <p>Output:
 * <pre>
 * recv_timeout(50 ms) on an empty channel: Timeout
 * recv_deadline(now + 50 ms) on an empty channel: Timeout
 * recv_timeout(10 s): Received: Hi from spawned thread!
 * recv_deadline(now + 10 s): Disconnected
 * recv_timeout(0 ms) after disconnection: Disconnected
 * </pre>
 *
 * <p>Each outcome is certain, not a matter of timing. The first two waits time out because no
 * thread holds a sender yet. The spawned thread then sends one message and closes its sender;
 * the 10 s waits return as soon as the message arrives, and as soon as the sender is closed,
 * long before their limit. Once the channel is empty and disconnected, a timed receive reports
 * {@code Disconnected} at once, whatever its timeout. {@code recvDeadline} takes a wall-clock
 * {@link Instant}, mapped once onto the monotonic clock; in Rust it is still nightly-only
 * ({@code deadline_api}).
 */
public final class A06_RecvTimeoutAndDeadline {

    public static void main(String[] args) throws Exception {
        Channel<String> channel = Channel.unbounded();
        Sender<String> sender = channel.sender();
        try (Receiver<String> receiver = channel.receiver()) {

            // Nobody can send yet: both waits run to their limit.
            System.out.println("recv_timeout(50 ms) on an empty channel: "
                    + describe(receiver.recvTimeout(Duration.ofMillis(50))));
            System.out.println("recv_deadline(now + 50 ms) on an empty channel: "
                    + describe(receiver.recvDeadline(Instant.now().plusMillis(50))));

            JoinHandle handle = JoinHandle.spawn("spawned", () -> {
                try (sender) {                                  // closing it disconnects the channel
                    sender.send("Hi from spawned thread!");
                }
            });

            // A message arrives: the wait ends early with it.
            System.out.println("recv_timeout(10 s): "
                    + describe(receiver.recvTimeout(Duration.ofSeconds(10))));
            // The only sender closes: the wait ends early with Disconnected.
            System.out.println("recv_deadline(now + 10 s): "
                    + describe(receiver.recvDeadline(Instant.now().plusSeconds(10))));
            // Disconnected is final: no wait at all now.
            System.out.println("recv_timeout(0 ms) after disconnection: "
                    + describe(receiver.recvTimeout(Duration.ZERO)));

            handle.join();
        }
    }

    /** Rust's {@code Ok(m)}, {@code Err(Timeout)}, {@code Err(Disconnected)} as one line. */
    static String describe(RecvTimeoutResult<String> result) {
        if (result.isValue()) {
            return "Received: " + result.value();
        }
        return result.isTimeout() ? "Timeout" : "Disconnected";
    }

    private A06_RecvTimeoutAndDeadline() {
    }
}
