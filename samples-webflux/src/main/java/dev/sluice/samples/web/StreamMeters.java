package dev.sluice.samples.web;

import dev.sluice.micrometer.SluiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * StreamMeters: puts each open stream's channel on the Micrometer registry (Spring Boot
 * Actuator serves it at {@code /actuator/metrics/sluice.channel.buffered}), tagged
 * {@code name=live-demo}, {@code stream=<id>}, {@code policy=<overflow policy>}, and removes
 * the meters when the stream closes, so that the endpoint's sums cover open streams only.
 */
final class StreamMeters {
    /** No registry: nothing is recorded. */
    static final StreamMeters NONE = new StreamMeters(null);

    private final MeterRegistry registry;

    StreamMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void monitor(ProducerGroup group) {
        if (registry != null) {
            SluiceMetrics.monitor(registry, group.receiver(), "live-demo", Tags.of(
                    "stream", Long.toString(group.id()),
                    "policy", SluiceMetrics.policyTag(group.receiver().stats())));
        }
    }

    void forget(ProducerGroup group) {
        if (registry != null) {
            for (String name : new String[] {"sluice.channel.buffered", "sluice.channel.capacity",
                    "sluice.channel.senders.waiting", "sluice.channel.receivers.waiting", "sluice.channel.sent",
                    "sluice.channel.received", "sluice.channel.dropped", "sluice.channel.send.blocked"}) {
                registry.find(name).tag("stream", Long.toString(group.id())).meters().forEach(registry::remove);
            }
        }
    }
}
