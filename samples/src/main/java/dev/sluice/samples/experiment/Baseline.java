package dev.sluice.samples.experiment;

import java.util.Locale;

/**
 * A non-Sluice design run in the same sweep, with the same producers and consumer, for
 * comparison ({@code --baseline}).
 *
 * <ul>
 *   <li>{@code reactor-unbounded}: {@code Sinks.many().unicast().onBackpressureBuffer()}, an
 *       unbounded queue: producers never wait, the buffer grows when the subscriber is slow.</li>
 *   <li>{@code reactor-create-buffer}: {@code Flux.create(sink -> .., BUFFER)}, the same
 *       unbounded buffering behind {@code FluxSink.next}.</li>
 *   <li>{@code jdk-abq}: an {@code ArrayBlockingQueue} of each capacity of the sweep, with a
 *       blocking consumer thread ({@code offer} with the run's deadline, {@code take}).</li>
 * </ul>
 *
 * The Reactor baselines are consumed by the Flux consumer (they are Publishers), the queue by the
 * thread consumer (it has no non-blocking side); {@link Sweep} picks the consumer accordingly.
 */
public enum Baseline {
    REACTOR_UNBOUNDED("reactor-unbounded", ConsumerKind.FLUX),
    REACTOR_CREATE_BUFFER("reactor-create-buffer", ConsumerKind.FLUX),
    JDK_ABQ("jdk-abq", ConsumerKind.THREAD);

    private final String id;
    private final ConsumerKind consumer;

    Baseline(String id, ConsumerKind consumer) {
        this.id = id;
        this.consumer = consumer;
    }

    /** Parses {@code reactor-unbounded}, {@code reactor-create-buffer} or {@code jdk-abq}. */
    static Baseline parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        for (Baseline b : values()) {
            if (b.id.equals(spec)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown baseline '" + text
                + "': use reactor-unbounded, reactor-create-buffer or jdk-abq");
    }

    /** The only consumer kind this baseline can be read with. */
    ConsumerKind consumer() {
        return consumer;
    }

    /** {@code true} for the queue, which has a capacity. */
    boolean isBounded() {
        return this == JDK_ABQ;
    }

    @Override
    public String toString() {
        return id;
    }
}
