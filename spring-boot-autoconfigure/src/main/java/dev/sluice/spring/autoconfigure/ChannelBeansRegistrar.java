package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adopts every {@link Channel} bean into {@link SluiceChannels} under its bean name, once all
 * singletons exist (so that no bean is created early for it, and no bean post-processor is
 * involved).
 *
 * <p>Channel singletons are adopted: {@code @Lazy} ones once something has created them before
 * the end of the refresh, prototype-scoped ones never (they have no single identity; register
 * each instance with {@link SluiceChannels#register(String, Channel)} instead).
 */
public class ChannelBeansRegistrar implements SmartInitializingSingleton {
    private final ListableBeanFactory beans;
    private final SluiceChannels channels;

    /** Adopts the channel beans of {@code beans} into {@code channels}. */
    public ChannelBeansRegistrar(ListableBeanFactory beans, SluiceChannels channels) {
        this.beans = Objects.requireNonNull(beans, "beans");
        this.channels = Objects.requireNonNull(channels, "channels");
    }

    @Override
    public void afterSingletonsInstantiated() {
        @SuppressWarnings("rawtypes")
        Map<String, Channel> found = beans.getBeansOfType(Channel.class, false, false);
        found.forEach(channels::register);
    }
}
