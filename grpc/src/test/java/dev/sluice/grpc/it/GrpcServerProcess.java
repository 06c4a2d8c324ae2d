package dev.sluice.grpc.it;

import dev.sluice.Channel;
import dev.sluice.grpc.ChannelServer;
import dev.sluice.grpc.Codec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process for the cross-process tests, on an ephemeral loopback port (prints "PORT n"):
 * <ul>
 *   <li>"jobs": served, bounded(16); a producer thread sends "0" ... "n-1" (n = the first
 *   argument), then closes its sender;</li>
 *   <li>"idle": served, bounded(4), a sender kept open that never sends;</li>
 *   <li>"sink": accepted into bounded(4) that nobody reads, so remote senders end up waiting.</li>
 * </ul>
 * The command "sent" prints "SENT k": the messages of "jobs" that left its channel. It runs until
 * killed or until stdin closes.
 */
public final class GrpcServerProcess {
    private GrpcServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Channel<String> jobs = Channel.bounded(16);
        Channel<String> idle = Channel.bounded(4);
        Channel<String> sink = Channel.bounded(4);
        ChannelServer server = ChannelServer.builder()
                .serve("jobs", jobs.receiver(), Codec.utf8())
                .serve("idle", idle.receiver(), Codec.utf8())
                .accept("sink", sink.sender(), Codec.utf8())
                .bind(0);
        var keepIdleOpen = idle.sender();
        var keepSinkOpen = sink.receiver();
        Thread producer = new Thread(() -> {
            try (var tx = jobs.sender()) {
                for (int i = 0; i < n; i++) {
                    tx.send(Integer.toString(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.setDaemon(true);
        producer.start();
        System.out.println("PORT " + server.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("sent")) {
                System.out.println("SENT " + server.sent("jobs"));
            }
        }
        server.close();
        keepIdleOpen.close();
        keepSinkOpen.close();
        System.exit(0);
    }
}
