package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import dev.sluice.micrometer.SluiceMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Puts each managed channel on the application's {@link MeterRegistry} with sluice-micrometer's
 * {@code sluice.channel.*} meters, tagged {@code name} = the bean or channel name (plus
 * {@code flavor}), and removes those meters when the channel stops being managed or the
 * application context closes.
 *
 * <p>A {@link SluiceChannels.Listener}: {@code added} binds {@link SluiceMetrics}; {@code removed}
 * removes every meter whose name starts with {@code sluice.channel.} and whose {@code name} tag
 * is the channel's, so the set of meters follows sluice-micrometer without being listed here.
 * Invariant: the names bound here are exactly the managed names seen since this listener was
 * added, less the removed ones.
 */
public class SluiceChannelMeters implements SluiceChannels.Listener, InitializingBean, DisposableBean {
    /** The prefix of every meter that sluice-micrometer registers. */
    static final String METER_PREFIX = "sluice.channel.";

    private final SluiceChannels channels;
    private final MeterRegistry registry;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    /** Binds the channels of {@code channels} to {@code registry}. */
    public SluiceChannelMeters(SluiceChannels channels, MeterRegistry registry) {
        this.channels = Objects.requireNonNull(channels, "channels");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void afterPropertiesSet() {
        channels.addListener(this);
    }

    @Override
    public void added(String name, Channel<?> channel) {
        SluiceMetrics.monitor(registry, channel, name, Tags.empty());
        bound.add(name);
    }

    @Override
    public void removed(String name, Channel<?> channel) {
        if (bound.remove(name)) {
            removeMeters(name);
        }
    }

    /** Stops listening and removes the meters of every channel bound here. */
    @Override
    public void destroy() {
        channels.removeListener(this);
        for (String name : new ArrayList<>(bound)) {
            bound.remove(name);
            removeMeters(name);
        }
    }

    private void removeMeters(String name) {
        List<Meter> meters = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith(METER_PREFIX) && name.equals(id.getTag("name"))) {
                meters.add(meter);
            }
        }
        meters.forEach(registry::remove);
    }
}
