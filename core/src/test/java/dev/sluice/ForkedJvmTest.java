package dev.sluice;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ForkedJvmTest: behaviours whose failure is a hang of the whole JVM or its death, each run in a
 * fresh JVM so that it fails one test: virtual threads cancelling asynchronous operations with one
 * and with two carriers, and 10⁶ unclosed channels in a 256 MB heap.
 */
@Timeout(300)
class ForkedJvmTest {

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16", "UNBOUNDED", "RENDEZVOUS"})
    void virtual_threads_cancelling_async_receives_never_wedge_one_carrier(TestFlavor flavor) throws Exception {
        Path java = ForkedJvm.virtualThreadJava();
        assumeTrue(java != null, "virtual threads need a JDK 21+ (Temurin 25 not found)");
        ForkedJvm.run(java, List.of("-Xmx512m", "-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1"), VirtualThreadCancelStorm.class, Duration.ofSeconds(90),
                flavor.name());
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void virtual_threads_cancelling_async_receives_never_wedge_two_carriers(TestFlavor flavor) throws Exception {
        Path java = ForkedJvm.virtualThreadJava();
        assumeTrue(java != null, "virtual threads need a JDK 21+ (Temurin 25 not found)");
        ForkedJvm.run(java, List.of("-Xmx512m", "-Djdk.virtualThreadScheduler.parallelism=2"),
                VirtualThreadCancelStorm.class, Duration.ofSeconds(90), flavor.name());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_million_unclosed_channels_fit_in_a_256_mb_heap(TestFlavor flavor) throws Exception {
        ForkedJvm.run(ForkedJvm.currentJava(), List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto"),
                ForgetChannels.class, Duration.ofSeconds(120), flavor.name(), "1000000");
    }
}
