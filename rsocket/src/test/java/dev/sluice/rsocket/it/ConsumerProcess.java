package dev.sluice.rsocket.it;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.rsocket.Codec;
import dev.sluice.rsocket.RemoteChannels;
import dev.sluice.rsocket.RemoteOptions;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A consumer process for the cross-process tests: a remote receiver of {@code route} that reads
 * integers (as UTF-8 text) and records them.
 * <pre>
 * ConsumerProcess port route capacity mode [file]
 *   record     writes each id to file (buffered; flushed at the end), prints "COUNT n" at disconnection
 *   recordsync writes each id to file with one write(2) each, so a SIGKILL loses none already taken
 *   slow       takes nothing until stdin says "take N"; then prints "TOOK total"
 * </pre>
 * Prints "READY" once connected and "DISCONNECTED cause" when the stream ends.
 */
public final class ConsumerProcess {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String route = args[1];
        int capacity = Integer.parseInt(args[2]);
        String mode = args[3];
        try (Receiver<String> rx = RemoteChannels.receiver("127.0.0.1", port, route, capacity, Codec.utf8(),
                new RemoteOptions(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
            System.out.println("READY");
            switch (mode) {
                case "record" -> {
                    long n = 0;
                    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                            new FileOutputStream(args[4]), 1 << 16))) {
                        try {
                            for (;;) {
                                out.writeInt(Integer.parseInt(rx.recv()));
                                n++;
                            }
                        } catch (DisconnectedException e) {
                            System.out.println("DISCONNECTED " + e.getCause());
                        }
                    }
                    System.out.println("COUNT " + n);
                }
                case "recordsync" -> {
                    long n = 0;
                    try (FileChannel out = FileChannel.open(Path.of(args[4]), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                        ByteBuffer buf = ByteBuffer.allocate(4);
                        try {
                            for (;;) {
                                buf.clear();
                                buf.putInt(Integer.parseInt(rx.recv())).flip();
                                while (buf.hasRemaining()) {
                                    out.write(buf);
                                }
                                if (++n % 1000 == 0) {
                                    System.out.println("AT " + n);
                                }
                            }
                        } catch (DisconnectedException e) {
                            System.out.println("DISCONNECTED " + e.getCause());
                        }
                    }
                    System.out.println("COUNT " + n);
                }
                case "slow" -> {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    long total = 0;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("take ")) {
                            int n = Integer.parseInt(line.substring(5).trim());
                            for (int i = 0; i < n; i++) {
                                rx.recv();
                                total++;
                            }
                            System.out.println("TOOK " + total);
                        } else if (line.equals("quit")) {
                            break;
                        }
                    }
                }
                default -> throw new IllegalArgumentException(mode);
            }
        }
        OutputStream unused = System.out;       // keep stdout open until here
        unused.flush();
        System.exit(0);
    }
}
