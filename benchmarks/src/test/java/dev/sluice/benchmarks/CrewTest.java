package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * A crew whose worker fails ends the round with that failure as the cause, promptly, instead of
 * leaving the caller waiting for consumers that will never finish.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrewTest {
    private static final IllegalStateException BOOM = new IllegalStateException("boom");

    /** Producers fail at once; consumers wait until the pipe is closed, then fail as a closed queue does. */
    static final class FailingPipe extends Pipe {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        void produce(Integer[] messages, int from, int to) {
            throw BOOM;
        }

        @Override
        long consume(int count) throws InterruptedException {
            closed.await();
            throw new IllegalStateException("pipe closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @RepeatedTest(20)
    void aFailingProducerEndsAnMpmcRoundWithItsException() throws Exception {
        FailingPipe pipe = new FailingPipe();
        try (Crew crew = new Crew("test", pipe, Messages.boxed(100), 4, 4)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
                crew.startRound();
                crew.awaitConsumers();
            });
            assertSame(BOOM, thrown.getCause());
        }
    }

    @RepeatedTest(20)
    void aFailingProducerUnblocksTheCallerReceivingInSpsc() throws Exception {
        FailingPipe pipe = new FailingPipe();
        try (Crew crew = new Crew("test", pipe, Messages.boxed(100), 1, 0)) {
            crew.startRound();
            IllegalStateException symptom = assertThrows(IllegalStateException.class, () -> pipe.consume(100));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> crew.checkHealthy(symptom));
            assertSame(BOOM, thrown.getCause());
        }
    }

    @RepeatedTest(20)
    void aHealthyCrewRunsRoundAfterRound() throws Exception {
        try (Pipe pipe = Pipes.open("ArrayBlockingQueue", 16);
             Crew crew = new Crew("test", pipe, Messages.boxed(1000), 3, 2)) {
            for (int round = 0; round < 5; round++) {
                crew.startRound();
                assertEquals(1000L * 999 / 2, crew.awaitConsumers());
            }
        }
    }
}
