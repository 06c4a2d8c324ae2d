package dev.sluice.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.BlockingGuard;
import dev.sluice.Channel;
import dev.sluice.reactor.ReactorBlockingGuard;
import dev.sluice.reactor.SluiceBlockHoundIntegration;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Reactor's non-blocking threads get core's blocking guard at start; a property turns it off. */
class BlockingGuardTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class));
    private Predicate<Thread> before;

    @BeforeEach
    void emptySlot() {
        before = BlockingGuard.installed();
        BlockingGuard.install(null);
    }

    @AfterEach
    void restore() {
        BlockingGuard.install(before);
    }

    private static String recvOnParallelThread(Channel<String> channel) {
        return Mono.fromCallable(() -> channel.receiver().recv())
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("at start a blocking recv on a Reactor parallel thread fails fast; at close the slot is restored")
    void guard_is_installed_at_start() {
        runner.run(context -> {
            assertThat(ReactorBlockingGuard.isInstalled()).isTrue();
            Channel<String> channel = Channel.bounded(1);
            channel.sender().send("m");
            assertThatThrownBy(() -> recvOnParallelThread(channel))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("would block");
        });
        assertThat(BlockingGuard.installed()).isNull();
    }

    @Test
    @DisplayName("sluice.blocking-guard.enabled=false: no guard, and the bridge does not install its own")
    void property_turns_the_guard_off() {
        runner.withPropertyValues("sluice.blocking-guard.enabled=false").run(context -> {
            assertThat(ReactorBlockingGuard.isInstalled()).isFalse();
            assertThat(BlockingGuard.installed()).isSameAs(SluiceBlockingGuard.ALLOW_ALL);
            Channel<String> channel = Channel.bounded(1);
            channel.sender().send("m");
            assertThat(recvOnParallelThread(channel)).isEqualTo("m");
        });
    }

    @Test
    @DisplayName("an application's own guard is left alone")
    void own_guard_is_left_alone() {
        Predicate<Thread> own = t -> false;
        BlockingGuard.install(own);
        runner.run(context -> assertThat(BlockingGuard.installed()).isSameAs(own));
        runner.withPropertyValues("sluice.blocking-guard.enabled=false")
                .run(context -> assertThat(BlockingGuard.installed()).isSameAs(own));
    }

    @Test
    @DisplayName("BlockHound finds the bridge's integration through ServiceLoader, with nothing configured")
    void blockhound_integration_stays_automatic() {
        assertThat(ServiceLoader.load(BlockHoundIntegration.class).stream().map(ServiceLoader.Provider::type))
                .contains(SluiceBlockHoundIntegration.class);
    }
}
