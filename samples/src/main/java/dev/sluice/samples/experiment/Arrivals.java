package dev.sluice.samples.experiment;

import java.util.Locale;

/**
 * How a producer spaces its messages ({@code --arrivals}): {@code constant} (one period apart,
 * the default) or {@code poisson} (exponentially distributed gaps of the same mean, from a
 * random generator seeded by {@code --seed} and the producer's index, so a run can be repeated).
 */
public enum Arrivals {
    CONSTANT("constant"),
    POISSON("poisson");

    private final String id;

    Arrivals(String id) {
        this.id = id;
    }

    static Arrivals parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        for (Arrivals a : values()) {
            if (a.id.equals(spec)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown arrivals '" + text + "': use constant or poisson");
    }

    @Override
    public String toString() {
        return id;
    }
}
