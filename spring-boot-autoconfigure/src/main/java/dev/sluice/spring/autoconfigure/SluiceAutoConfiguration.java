package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import dev.sluice.reactor.ReactorBlockingGuard;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core of the Sluice auto-configuration: the {@link SluiceChannels} registry, the adoption of
 * every {@link Channel} bean into it, closing the channels at shutdown, and (with the Reactor
 * bridge) the blocking guard on Reactor's non-blocking threads. Each bean backs off when the
 * application defines its own of the same type.
 */
@AutoConfiguration
@ConditionalOnClass(Channel.class)
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

    /** Creates the configuration (Spring does). */
    public SluiceAutoConfiguration() {
    }

    /** The registry of managed channels; closed (every channel, then every meter) with the context. */
    @Bean
    @ConditionalOnMissingBean
    public SluiceChannels sluiceChannels() {
        return new SluiceChannels();
    }

    /** Adopts each {@link Channel} bean under its bean name. */
    @Bean
    @ConditionalOnMissingBean
    public ChannelBeansRegistrar sluiceChannelBeansRegistrar(ListableBeanFactory beanFactory, SluiceChannels channels) {
        return new ChannelBeansRegistrar(beanFactory, channels);
    }

    /** Closes the managed channels before the web server's graceful shutdown waits for requests. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "sluice.shutdown", name = "close-channels", matchIfMissing = true)
    public SluiceChannelsLifecycle sluiceChannelsLifecycle(SluiceChannels channels) {
        return new SluiceChannelsLifecycle(channels);
    }

    /** The blocking guard, when the Reactor bridge is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactorBlockingGuard.class)
    static class BlockingGuardConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SluiceBlockingGuard sluiceBlockingGuard(SluiceProperties properties) {
            return new SluiceBlockingGuard(properties.getBlockingGuard().isEnabled());
        }
    }
}
