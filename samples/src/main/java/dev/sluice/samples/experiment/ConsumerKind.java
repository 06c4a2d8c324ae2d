package dev.sluice.samples.experiment;

import java.util.Locale;

/**
 * How the messages are consumed ({@code --consumer}): by a blocking thread ({@code recv} /
 * {@code take}), or by a Reactive Streams subscriber that signals demand ({@code request(n)}),
 * through the bridge ({@code ChannelFlux.from}) for Sluice.
 */
public enum ConsumerKind {
    THREAD("thread"),
    FLUX("flux");

    private final String id;

    ConsumerKind(String id) {
        this.id = id;
    }

    /** Parses {@code thread} or {@code flux}. */
    static ConsumerKind parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        for (ConsumerKind k : values()) {
            if (k.id.equals(spec)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown consumer '" + text + "': use thread or flux");
    }

    @Override
    public String toString() {
        return id;
    }
}
