package dev.sluice.samples;

import static dev.sluice.samples.StdoutCapture.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/** Runs the select worker sample and checks its exact standard output; repeated because threads race. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectSampleOutputTest {

    @RepeatedTest(5)
    void b01_select_worker_handles_work_control_heartbeat_and_deadline() throws Exception {
        assertEquals(List.of(
                        "job 1",
                        "job 2",
                        "job 3",
                        "flush: processed [1, 2, 3]",
                        "work channel closed; that arm is now never()",
                        "deadline: stopping, heartbeat seen: true"),
                linesOf(() -> B01_SelectWorker.main(new String[0])));
    }
}
