package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import dev.sluice.Receiver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The state of each managed channel, for the {@code sluice} health contributor, independent of
 * the Spring Boot line: {@link #check()} returns whether every channel is healthy and, per
 * channel, its state and figures.
 *
 * <p>States: {@code open}; {@code stalled}, when the channel is full and no message was received
 * for at least {@code sluice.health.stall-timeout} (a consumer that stopped while its producers
 * wait), which makes the contributor DOWN; {@code disconnected}, when every sender or every
 * receiver is closed (or the channel was closed for sending), which is reported but is not a
 * failure (a finished stream, or the application shutting down).
 *
 * <p><b>Algorithm.</b> Core counts receptions ({@link ChannelStats#received()}) but keeps no
 * time. This tracker samples that count when a channel becomes managed and at every check, and
 * remembers when it last saw it change: "the time since the last receive" is measured from that
 * sample, so its precision is the interval between checks (a health probe's period). A channel
 * that is full now and whose count did not change for the stall timeout is stalled: without a
 * receive nothing left the buffer in that time, so the consumer stopped. Invariant: one
 * {@code Tracker} per managed name, created by {@code added} and dropped by {@code removed}.
 */
public class ChannelHealth implements SluiceChannels.Listener, InitializingBean, DisposableBean {

    /** The outcome of a {@link #check()}: healthy unless a channel is stalled, and the figures. */
    public record Report(boolean healthy, Map<String, Object> details) {
    }

    private final SluiceChannels channels;
    private final Duration stallTimeout;
    private final LongSupplier nanoTime;
    private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();

    /** Tracks the channels of {@code channels}, stalled after {@code stallTimeout}. */
    public ChannelHealth(SluiceChannels channels, Duration stallTimeout) {
        this(channels, stallTimeout, System::nanoTime);
    }

    ChannelHealth(SluiceChannels channels, Duration stallTimeout, LongSupplier nanoTime) {
        this.channels = Objects.requireNonNull(channels, "channels");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("stallTimeout must not be negative, was " + stallTimeout);
        }
    }

    @Override
    public void afterPropertiesSet() {
        channels.addListener(this);
    }

    @Override
    public void destroy() {
        channels.removeListener(this);
        trackers.clear();
    }

    @Override
    public void added(String name, Channel<?> channel) {
        trackers.put(name, new Tracker(channel.receiver(), nanoTime.getAsLong()));
    }

    @Override
    public void removed(String name, Channel<?> channel) {
        trackers.remove(name);
    }

    /** Checks every managed channel now. */
    public Report check() {
        long now = nanoTime.getAsLong();
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String name : channels.channels().keySet()) {
            Tracker tracker = trackers.get(name);
            if (tracker != null) {
                Map<String, Object> figures = tracker.check(now, stallTimeout.toNanos());
                healthy &= !"stalled".equals(figures.get("state"));
                details.put(name, figures);
            }
        }
        return new Report(healthy, details);
    }

    /** One channel's samples. Checks of one channel are serialized by its monitor. */
    private static final class Tracker {
        private final Receiver<?> receiver;
        private long lastReceived;
        private long lastReceiveSeenAt;

        Tracker(Receiver<?> receiver, long now) {
            this.receiver = receiver;
            this.lastReceived = receiver.stats().received();
            this.lastReceiveSeenAt = now;
        }

        synchronized Map<String, Object> check(long now, long stallNanos) {
            ChannelStats stats = receiver.stats();
            long received = stats.received();
            if (received != lastReceived) {
                lastReceived = received;
                lastReceiveSeenAt = now;
            }
            boolean full = isFull(receiver);
            long sinceReceive = now - lastReceiveSeenAt;
            String state;
            if (receiver.isDisconnected()) {
                state = "disconnected";
            } else if (full && sinceReceive >= stallNanos) {
                state = "stalled";
            } else {
                state = "open";
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("state", state);
            figures.put("flavor", stats.flavor());
            figures.put("buffered", stats.buffered());
            stats.capacity().ifPresent(capacity -> figures.put("capacity", capacity));
            figures.put("sendersWaiting", stats.sendersWaiting());
            figures.put("receiversWaiting", stats.receiversWaiting());
            figures.put("sent", stats.sent());
            figures.put("received", received);
            figures.put("sinceLastReceive", Duration.ofNanos(sinceReceive).toString());
            return figures;
        }

        /**
         * Full for this purpose: no room for a message that nobody takes. A rendezvous channel
         * counts as full while a sender waits (it has no buffer; a waiting sender is its
         * "message in the buffer").
         */
        private static boolean isFull(Receiver<?> receiver) {
            if (receiver.capacity().orElse(-1) == 0) {
                return receiver.stats().sendersWaiting() > 0;
            }
            return receiver.isFull();
        }
    }
}
