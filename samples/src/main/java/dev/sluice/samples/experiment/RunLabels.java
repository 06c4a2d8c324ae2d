package dev.sluice.samples.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Short names for the runs of a sweep, for legends and tables: the design always, then only the
 * axes that vary across the sweep ({@code sluice bounded(16) flux(request 16) R=2000}), so a
 * capacity sweep reads {@code sluice bounded(0)}, {@code sluice bounded(16)}, ... and not the
 * same long tail each time. The design label without its capacity is the run's <i>family</i>,
 * the line it belongs to in the latency-by-capacity chart.
 */
final class RunLabels {

    private final List<ExperimentSettings> runs;
    private final List<Function<ExperimentSettings, String>> varying = new ArrayList<>();

    RunLabels(List<ExperimentSettings> runs) {
        this.runs = List.copyOf(runs);
        addIfVarying(s -> s.consumer().toString());
        addIfVarying(s -> "p=" + s.producers());
        addIfVarying(s -> "r=" + ExperimentSettings.formatRate(s.producerRate()));
        addIfVarying(s -> "c=" + s.consumers());
        addIfVarying(s -> "R=" + ExperimentSettings.formatRate(s.consumerRate()));
    }

    private void addIfVarying(Function<ExperimentSettings, String> part) {
        Set<String> values = new LinkedHashSet<>();
        runs.forEach(s -> values.add(part.apply(s)));
        if (values.size() > 1) {
            varying.add(part);
        }
    }

    /** The label of {@code run}: its design and the varying axes. */
    String label(ExperimentSettings run) {
        StringBuilder text = new StringBuilder(run.design().label());
        varying.forEach(part -> text.append(' ').append(part.apply(run)));
        return text.toString();
    }

    /** The run's family: its label with the capacity left out ({@code sluice bounded}, {@code jdk-abq}). */
    String family(ExperimentSettings run) {
        Design d = run.design();
        String design;
        if (d instanceof SluiceDesign) {
            ChannelFlavor f = ((SluiceDesign) d).flavor();
            Overflow o = ((SluiceDesign) d).overflow();
            design = "sluice " + (f.isUnbounded() ? "unbounded" : "bounded") + (o == Overflow.BLOCK ? "" : " " + o);
        } else {
            design = ((BaselineDesign) d).baseline().toString();
        }
        StringBuilder text = new StringBuilder(design);
        varying.forEach(part -> text.append(' ').append(part.apply(run)));
        return text.toString();
    }

    /** A file-name-safe form of a label: {@code sluice-bounded-16-thread}. */
    static String slug(String label) {
        return label.replaceAll("[^A-Za-z0-9.=]+", "-").replaceAll("^-|-$", "").replace('=', '-');
    }
}
