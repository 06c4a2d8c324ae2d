package dev.sluice.grpc.it;

import dev.sluice.Receiver;
import dev.sluice.grpc.Codec;
import dev.sluice.grpc.RemoteChannels;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer process: a remote receiver of "jobs" with capacity 8 (args: port); prints
 * "GOT message" for each message it takes, after a simulated 1 ms of work.
 */
public final class GrpcConsumerProcess {
    private GrpcConsumerProcess() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, "jobs", 8, Codec.utf8())) {
            System.out.println("CONNECTED");
            for (String job : rx) {
                LockSupport.parkNanos(1_000_000);          // the work
                System.out.println("GOT " + job);
            }
        }
        System.out.println("DONE");
    }
}
