package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every bridge path delivers every message once and in order, and a bounded path never holds more
 * than capacity + prefetch + the item in the subscriber's hands, however slow the subscriber.
 * No timing is asserted: the bound holds by construction on a bounded path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BridgeHarnessTest {
    private static final int MESSAGES = 20_000;
    private static BridgeRig rig;

    @BeforeAll
    static void startRig() {
        rig = new BridgeRig();
    }

    @AfterAll
    static void stopRig() {
        rig.close();
    }

    @ParameterizedTest
    @EnumSource(BridgePath.class)
    void everyMessageArrivesOnceAndInOrderTwice(BridgePath path) throws Exception {
        rig.run(path, Messages.boxed(MESSAGES), null, 0);     // throws on a gap, duplicate or error
        rig.run(path, Messages.boxed(MESSAGES), null, 0);
    }

    @ParameterizedTest
    @EnumSource(BridgePath.class)
    void aBoundedPathHoldsAtMostCapacityPlusPrefetchBehindASlowSubscriber(BridgePath path) throws Exception {
        Progress progress = new Progress();
        rig.run(path, Messages.boxed(MESSAGES), progress, 1_000);
        if (path.bounded()) {
            long bound = BridgeRig.CAPACITY + BridgeRig.PREFETCH + 1;
            assertTrue(progress.peak() <= bound, path + " held " + progress.peak() + " items, bound " + bound);
        }
    }
}
