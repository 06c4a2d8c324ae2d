package dev.sluice.samples.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A sweep: a list of values per axis, expanded into every combination, each one run in turn
 * under the same load.
 *
 * <p>Axes. The <b>design</b> axes: Sluice flavors ({@code bounded} takes each value of the
 * capacity axis, {@code bounded:N} its own N, {@code rendezvous} and {@code unbounded} none) times
 * the overflow policies (which apply only to a bounded channel with room: a rendezvous or an
 * unbounded channel runs once, blocking), then the baselines ({@code jdk-abq} at each capacity
 * {@code >= 1}, the Reactor ones once). The <b>consumer</b> axis (thread, flux with each request
 * size) applies to Sluice designs; a baseline is read by its own kind of consumer. The
 * <b>load</b> axes (producers, producer rate, consumers, consumer rate) are outermost, so all
 * designs of one load run next to each other. Duplicate combinations run once.
 *
 * <p>Adding an axis: a list field here, a loop in {@link #runs()}, a part in {@link RunLabels},
 * an option in {@link BackpressureExperiment}. The overflow axis shows the pattern.
 */
public record Sweep(
        List<String> flavors,
        List<Integer> capacities,
        List<Overflow> overflows,
        List<Baseline> baselines,
        List<ConsumerKind> consumerKinds,
        List<Integer> requests,
        boolean publishOn,
        List<Integer> producers,
        List<Double> producerRates,
        List<Integer> consumers,
        List<Double> consumerRates,
        LoadShape load,
        Duration duration,
        Duration sampleInterval,
        Duration blockedThreshold) {

    public Sweep {
        flavors = List.copyOf(flavors);
        capacities = List.copyOf(capacities);
        overflows = List.copyOf(overflows);
        baselines = List.copyOf(baselines);
        consumerKinds = List.copyOf(consumerKinds);
        requests = List.copyOf(requests);
        producers = List.copyOf(producers);
        producerRates = List.copyOf(producerRates);
        consumers = List.copyOf(consumers);
        consumerRates = List.copyOf(consumerRates);
        Objects.requireNonNull(load, "load");
        for (int capacity : capacities) {
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity must be >= 0 (0 = rendezvous), was " + capacity);
            }
        }
    }

    /**
     * Every combination, in run order.
     *
     * @throws IllegalArgumentException if a value is invalid, a combination impossible, or the
     *                                  sweep empty
     */
    public List<ExperimentSettings> runs() {
        List<Design> designs = designs();
        Set<ExperimentSettings> runs = new LinkedHashSet<>();
        for (int p : producers) {
            for (double r : producerRates) {
                for (int c : consumers) {
                    for (double cr : consumerRates) {
                        for (Design design : designs) {
                            for (ConsumerSpec consumer : consumersOf(design)) {
                                runs.add(new ExperimentSettings(design, consumer, p, r, c, cr, load, duration,
                                        sampleInterval, blockedThreshold));
                            }
                        }
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("empty sweep: every axis needs at least one value");
        }
        return List.copyOf(runs);
    }

    /** The designs, Sluice first, then the baselines. */
    List<Design> designs() {
        Set<Design> designs = new LinkedHashSet<>();
        Set<Integer> boundedCapacities = new LinkedHashSet<>();
        for (String spec : flavors) {
            List<ChannelFlavor> expanded = new ArrayList<>();
            if (spec.trim().equalsIgnoreCase("bounded")) {
                if (capacities.isEmpty()) {
                    throw new IllegalArgumentException("flavor bounded needs at least one --capacity");
                }
                capacities.forEach(c -> expanded.add(ChannelFlavor.bounded(c)));
            } else {
                expanded.add(ChannelFlavor.parse(spec));
            }
            for (ChannelFlavor flavor : expanded) {
                if (!flavor.isUnbounded()) {
                    boundedCapacities.add(flavor.capacity());
                }
                boolean hasRoom = !flavor.isUnbounded() && !flavor.isRendezvous();
                for (Overflow overflow : overflows) {
                    designs.add(new SluiceDesign(flavor, hasRoom ? overflow : Overflow.BLOCK));
                }
            }
        }
        if (flavors.isEmpty()) {
            boundedCapacities.addAll(capacities);
        }
        for (Baseline baseline : baselines) {
            if (!baseline.isBounded()) {
                designs.add(BaselineDesign.unbounded(baseline));
                continue;
            }
            List<Integer> withRoom = new ArrayList<>();
            boundedCapacities.stream().filter(c -> c >= 1).forEach(withRoom::add);
            capacities.stream().filter(c -> c >= 1 && !withRoom.contains(c)).forEach(withRoom::add);
            if (withRoom.isEmpty()) {
                throw new IllegalArgumentException(baseline + " needs a capacity >= 1 in --capacity");
            }
            withRoom.forEach(c -> designs.add(new BaselineDesign(baseline, c)));
        }
        return List.copyOf(designs);
    }

    private List<ConsumerSpec> consumersOf(Design design) {
        List<ConsumerKind> kinds = design instanceof BaselineDesign
                ? List.of(((BaselineDesign) design).baseline().consumer()) : consumerKinds;
        List<ConsumerSpec> specs = new ArrayList<>();
        for (ConsumerKind kind : kinds) {
            if (kind == ConsumerKind.THREAD) {
                specs.add(ConsumerSpec.thread());
            } else {
                if (requests.isEmpty()) {
                    throw new IllegalArgumentException("a flux consumer needs at least one --request");
                }
                requests.forEach(n -> specs.add(ConsumerSpec.flux(n, publishOn)));
            }
        }
        return specs;
    }
}
