package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JMH twin of a whole-run cell moves all its messages once and refuses the cells it cannot run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WholeRunShapeTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"sluice, spsc bounded(1024)", "sluice, mpmc bounded(1024)", "ArrayBlockingQueue, mpsc bounded(1024)"})
    void oneInvocationIsOneCheckedWholeRun(String impl, String scenario) throws Exception {
        WholeRunShape benchmark = new WholeRunShape();
        benchmark.impl = impl;
        benchmark.scenario = scenario;
        benchmark.setUp();
        benchmark.wholeRun();                           // runOnce throws on a lost or duplicated message
    }

    @Test
    void slowCellsAndMissingVariantsFailInSetUp() {
        WholeRunShape rendezvous = new WholeRunShape();
        rendezvous.impl = Pipes.SLUICE;
        rendezvous.scenario = "spsc rendezvous";
        assertThrows(IllegalArgumentException.class, rendezvous::setUp);

        WholeRunShape unboundedAbq = new WholeRunShape();
        unboundedAbq.impl = "ArrayBlockingQueue";
        unboundedAbq.scenario = "spsc unbounded";
        assertThrows(IllegalArgumentException.class, unboundedAbq::setUp);
    }
}
