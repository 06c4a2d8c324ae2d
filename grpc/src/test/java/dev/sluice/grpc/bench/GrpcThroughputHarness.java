package dev.sluice.grpc.bench;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.grpc.ChannelServer;
import dev.sluice.grpc.Codec;
import dev.sluice.grpc.RemoteChannels;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of a served channel read by a remote receiver, against bare grpc-java bidirectional
 * streaming of the same payloads, in the same JVM and run, rounds alternating. Not a test: run it
 * by hand (see docs/remote.md).
 * <ul>
 *   <li>sluice: a blocking producer thread sends into {@code bounded(window)}, served by a
 *   {@link ChannelServer}; a {@link RemoteChannels#receiver remote receiver} of capacity
 *   {@code window} is drained by a blocking consumer thread.</li>
 *   <li>bare: the server writes the same payloads on a bidi stream as fast as {@code isReady()}
 *   allows ({@code onReadyHandler}), the client reads with manual flow control
 *   ({@code disableAutoRequestWithInitial(window)}, {@code request(1)} per message).</li>
 * </ul>
 * Both on loopback, plaintext, Netty (shaded), direct executors.
 * Arguments: messages, rounds, payload bytes, window.
 */
public final class GrpcThroughputHarness {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> STREAM = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName("bench.Bare/Stream")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    private GrpcThroughputHarness() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        byte[] payload = new byte[size];
        System.out.printf("messages %d, rounds %d (+1 warm-up), payload %d bytes, window %d, JDK %s, %d CPUs%n",
                messages, rounds, size, window, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<Double> sluice = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            double s = sluice(messages, payload, window);
            double b = bare(messages, payload, window);
            System.out.printf("round %d%s: sluice %.0f msg/s, bare %.0f msg/s%n", r, r == 0 ? " (warm-up)" : "", s, b);
            if (r > 0) {
                sluice.add(s);
                bare.add(b);
            }
        }
        double ms = median(sluice);
        double mb = median(bare);
        System.out.printf("median: sluice %.0f msg/s, bare %.0f msg/s, ratio %.2f%n", ms, mb, ms / mb);
    }

    private static double sluice(int messages, byte[] payload, int window) throws Exception {
        Channel<byte[]> ch = Channel.bounded(window);
        try (ChannelServer server = ChannelServer.builder().serve("bench", ch.receiver(), Codec.bytes()).bind(0);
             Receiver<byte[]> rx = RemoteChannels.receiver("127.0.0.1", server.port(), "bench", window, Codec.bytes())) {
            Sender<byte[]> tx = ch.sender();
            long start = System.nanoTime();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        tx.send(payload);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            for (int i = 0; i < messages; i++) {
                rx.recv();
            }
            long nanos = System.nanoTime() - start;
            producer.join();
            tx.close();
            return messages * 1e9 / nanos;
        }
    }

    private static double bare(int messages, byte[] payload, int window) throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Bare")
                .addMethod(STREAM, ServerCalls.asyncBidiStreamingCall(responses -> {
                    ServerCallStreamObserver<byte[]> out = (ServerCallStreamObserver<byte[]>) responses;
                    int[] sent = {0};
                    out.setOnReadyHandler(() -> {
                        while (out.isReady() && sent[0] < messages) {
                            out.onNext(payload);
                            sent[0]++;
                        }
                        if (sent[0] == messages) {
                            sent[0]++;
                            out.onCompleted();
                        }
                    });
                    return new StreamObserver<byte[]>() {
                        @Override
                        public void onNext(byte[] value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    };
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service).directExecutor().build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext().directExecutor().build();
        try {
            CountDownLatch done = new CountDownLatch(1);
            long start = System.nanoTime();
            ClientCalls.asyncBidiStreamingCall(channel.newCall(STREAM, io.grpc.CallOptions.DEFAULT),
                    new ClientResponseObserver<byte[], byte[]>() {
                        private ClientCallStreamObserver<byte[]> call;

                        @Override
                        public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
                            call = requestStream;
                            requestStream.disableAutoRequestWithInitial(window);
                        }

                        @Override
                        public void onNext(byte[] value) {
                            call.request(1);
                        }

                        @Override
                        public void onError(Throwable t) {
                            t.printStackTrace();
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.countDown();
                        }
                    });
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bare stream did not finish");
            }
            return messages * 1e9 / (System.nanoTime() - start);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
