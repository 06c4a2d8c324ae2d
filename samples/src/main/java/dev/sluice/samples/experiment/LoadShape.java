package dev.sluice.samples.experiment;

import java.time.Duration;
import java.util.Optional;

/**
 * The load every run of a sweep is put under, beyond the rates: how arrivals are spaced, an
 * optional consumer stall, an optional producer burst, and the seed of anything random.
 *
 * @param arrivals constant gaps or Poisson arrivals
 * @param stall    the consumers stop for a while, if present
 * @param burst    the producers send extra messages at once, if present
 * @param seed     seeds the Poisson gaps (producer {@code i} uses {@code seed + i})
 */
public record LoadShape(Arrivals arrivals, Optional<Stall> stall, Optional<Burst> burst, long seed) {

    /** Constant rates, no stall, no burst. */
    public static final LoadShape CONSTANT = new LoadShape(Arrivals.CONSTANT, Optional.empty(), Optional.empty(), 1);

    /** Throws unless the stall and the burst fall inside a run of {@code duration}. */
    void checkFits(Duration duration) {
        stall.ifPresent(s -> {
            if (s.at().compareTo(duration) >= 0) {
                throw new IllegalArgumentException("the stall at " + s.at() + " starts after the run ends ("
                        + duration + ")");
            }
        });
        burst.ifPresent(b -> {
            if (b.at().compareTo(duration) >= 0) {
                throw new IllegalArgumentException("the burst at " + b.at() + " comes after the run ends ("
                        + duration + ")");
            }
        });
    }

    /** {@code true} if, at {@code now}, a run that started at {@code start} is in the stall. */
    boolean stalled(long now, long start) {
        return stall.isPresent() && now - stall.get().from(start) >= 0 && now - stall.get().until(start) < 0;
    }

    /** If {@code now} is inside the stall, waits until it is over. */
    void awaitEndOfStall(long now, long start) {
        if (stalled(now, start)) {
            Pacer.awaitInstant(stall.get().until(start));
        }
    }

    LoadShape scaled(double factor) {
        return new LoadShape(arrivals, stall.map(s -> s.scaled(factor)), burst.map(b -> b.scaled(factor)), seed);
    }

    /** {@code constant}, {@code poisson (seed 7), stall 2.00 s@5.00 s, burst 10000@3.00 s}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(arrivals.toString());
        if (arrivals == Arrivals.POISSON) {
            text.append(" (seed ").append(seed).append(')');
        }
        stall.ifPresent(s -> text.append(", stall ").append(s));
        burst.ifPresent(b -> text.append(", burst ").append(b));
        return text.toString();
    }
}
