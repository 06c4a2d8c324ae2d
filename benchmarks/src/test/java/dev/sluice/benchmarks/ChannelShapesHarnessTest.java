package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The comparison-suite harness moves every message exactly once in every cell, and can run a cell
 * repeatedly on the same crew. No timing is measured here: this only proves the benchmarks
 * measure what they claim, without running JMH.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelShapesHarnessTest {
    /** Enough to cross every capacity many times and make every worker wait; small enough for CI. */
    private static final int MESSAGES = 20_000;

    interface Shape {
        void run(ChannelShapes bench) throws Exception;
    }

    static Stream<Arguments> cells() {
        Stream.Builder<Arguments> cells = Stream.builder();
        for (String impl : List.of("sluice", "SynchronousQueue", "LinkedTransferQueue")) {
            Rendezvous r = new Rendezvous();
            r.impl = impl;
            cells.add(Arguments.of(r, impl, "spsc", (Shape) b -> ((Rendezvous) b).spsc()));
            cells.add(Arguments.of(r, impl, "mpsc", (Shape) b -> ((Rendezvous) b).mpsc()));
            cells.add(Arguments.of(r, impl, "mpmc", (Shape) b -> ((Rendezvous) b).mpmc()));
        }
        for (String impl : List.of("sluice", "ArrayBlockingQueue", "LinkedBlockingQueue")) {
            for (boolean one : new boolean[] {true, false}) {
                ChannelShapes b;
                if (one) {
                    Bounded1 b1 = new Bounded1();
                    b1.impl = impl;
                    b = b1;
                } else {
                    Bounded1024 bn = new Bounded1024();
                    bn.impl = impl;
                    b = bn;
                }
                cells.add(Arguments.of(b, impl, "seq", (Shape) ChannelShapes::runSeq));
                cells.add(Arguments.of(b, impl, "spsc", (Shape) ChannelShapes::runSpsc));
                cells.add(Arguments.of(b, impl, "mpsc", (Shape) ChannelShapes::runMpsc));
                cells.add(Arguments.of(b, impl, "mpmc", (Shape) ChannelShapes::runMpmc));
            }
        }
        for (String impl : List.of("sluice", "LinkedBlockingQueue", "LinkedTransferQueue")) {
            Unbounded u = new Unbounded();
            u.impl = impl;
            cells.add(Arguments.of(u, impl, "seq", (Shape) ChannelShapes::runSeq));
            cells.add(Arguments.of(u, impl, "spsc", (Shape) ChannelShapes::runSpsc));
            cells.add(Arguments.of(u, impl, "mpsc", (Shape) ChannelShapes::runMpsc));
            cells.add(Arguments.of(u, impl, "mpmc", (Shape) ChannelShapes::runMpmc));
        }
        return cells.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void everyMessageArrivesExactlyOnceInTwoConsecutiveRounds(ChannelShapes bench, String impl, String shape, Shape run)
            throws Exception {
        bench.useMessages(MESSAGES);
        bench.openPipe();
        try {
            run.run(bench);            // throws if the checksum of received values is wrong
            run.run(bench);            // the crew is reused
        } finally {
            bench.closePipe();
        }
    }

    @Test
    void aRendezvousHasNoSequentialShape() throws Exception {
        Rendezvous r = new Rendezvous();
        r.impl = "sluice";
        r.openPipe();
        try {
            assertThrows(UnsupportedOperationException.class, r::runSeq);
        } finally {
            r.closePipe();
        }
    }

    @Test
    void aQueueWithoutTheRequestedCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Pipes.open("SynchronousQueue", 1024));
        assertThrows(IllegalArgumentException.class, () -> Pipes.open("ArrayBlockingQueue", Pipes.UNBOUNDED));
        assertThrows(IllegalArgumentException.class, () -> Pipes.open("nope", 1));
    }
}
