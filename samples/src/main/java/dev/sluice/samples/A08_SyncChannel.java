package dev.sluice.samples;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ports the article's "Synchronous version" section ({@code sync_channel}, described without
 * code): with a bounded buffer, a sender blocks while the buffer is full.
 *
 * <p>Output:
 * <pre>
 * sent 1
 * sent 2
 * sending 3 (blocks: buffer full)
 * main: the sender is WAITING, 2 of 2 slots used
 * main: recv() takes one message and frees a slot
 * sent 3
 * received 1
 * received 2
 * received 3
 * </pre>
 *
 * <p>{@code Channel.bounded(2)} is Rust's {@code sync_channel(2)}. The sender fills both slots and
 * then parks inside {@code send(3)}; the main thread, without receiving anything, watches the
 * sender's thread reach {@link Thread.State#WAITING} and reports it, then receives one message,
 * which lets {@code send(3)} complete. The output order is fixed: the sender prints only before it
 * blocks and after it is unblocked, and the main thread prints after the sender blocked and after
 * it ended ({@code join}).
 */
public final class A08_SyncChannel {

    public static void main(String[] args) throws Exception {
        Channel<Integer> channel = Channel.bounded(2);          // mpsc::sync_channel(2)
        Sender<Integer> sender = channel.sender();
        CountDownLatch aboutToBlock = new CountDownLatch(1);
        try (Receiver<Integer> receiver = channel.receiver()) {

            JoinHandle handle = JoinHandle.spawn("sender", () -> {
                try (sender) {
                    for (int i = 1; i <= 2; i++) {
                        sender.send(i);                         // room in the buffer: returns at once
                        System.out.println("sent " + i);
                    }
                    System.out.println("sending 3 (blocks: buffer full)");
                    aboutToBlock.countDown();
                    sender.send(3);                             // parks until the main thread receives
                    System.out.println("sent 3");
                }
            });

            if (!aboutToBlock.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sender did not get to its third send");
            }
            awaitState(handle, Thread.State.WAITING, Duration.ofSeconds(10));
            System.out.println("main: the sender is " + handle.state() + ", "
                    + receiver.len() + " of " + receiver.capacity().getAsInt() + " slots used");

            System.out.println("main: recv() takes one message and frees a slot");
            int first = receiver.recv();
            handle.join();                                      // the sender prints "sent 3" and closes
            System.out.println("received " + first);
            for (int received : receiver) {                     // 2, 3, then the disconnection ends it
                System.out.println("received " + received);
            }
        }
    }

    /** Polls until {@code handle}'s thread is in {@code state}, checking every 0.1 ms. */
    static void awaitState(JoinHandle handle, Thread.State state, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (handle.state() != state) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("thread still " + handle.state() + ", expected " + state);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private A08_SyncChannel() {
    }
}
