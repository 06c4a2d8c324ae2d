package dev.sluice.samples.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a sweep and writes its outputs into one directory:
 *
 * <pre>
 *   runs.csv, samples.csv                     every run, every sample (ResultsCsv)
 *   run-NN-LABEL.png / .svg                   one figure per run (BackpressureChart)
 *   compare-latency-by-capacity.png / .svg    the comparison figures (ComparisonCharts)
 *   compare-designs.png / .svg
 *   compare-depth-over-time.png / .svg
 *   summary.txt                               the table, then each run's detailed summary
 * </pre>
 *
 * While it runs, a progress bar on {@code err}; at the end, the table on {@code out}.
 */
final class SweepRunner {

    private SweepRunner() {
    }

    /** What a sweep produced. */
    record Result(List<ExperimentReport> reports, RunLabels labels, List<Path> files) {
    }

    static Result run(List<ExperimentSettings> runs, Path dir, PrintWriter out, SweepProgress progress)
            throws Exception {
        Files.createDirectories(dir);
        RunLabels labels = new RunLabels(runs);
        List<ExperimentReport> reports = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (progress) {
            for (int i = 0; i < runs.size(); i++) {
                ExperimentSettings settings = runs.get(i);
                long millis = settings.duration().toMillis();
                progress.startRun(i + 1, runs.size(), labels.label(settings));
                ExperimentReport report = ExperimentRun.run(settings, elapsed -> progress.elapsed(elapsed, millis));
                progress.endRun(millis);
                reports.add(report);
                String name = String.format(Locale.ROOT, "run-%02d-%s", i + 1, RunLabels.slug(labels.label(settings)));
                files.addAll(BackpressureChart.write(report, dir.resolve(name)));
            }
        }
        Path runsCsv = dir.resolve("runs.csv");
        Path samplesCsv = dir.resolve("samples.csv");
        ResultsCsv.writeRuns(reports, labels, runsCsv);
        ResultsCsv.writeSamples(reports, samplesCsv);
        files.add(runsCsv);
        files.add(samplesCsv);
        files.addAll(ComparisonCharts.write(reports, labels, dir));

        List<String> table = SummaryTable.lines(reports, labels);
        List<String> summary = new ArrayList<>(table);
        for (ExperimentReport report : reports) {
            summary.add("");
            summary.addAll(report.summary());
        }
        Path summaryTxt = dir.resolve("summary.txt");
        Files.write(summaryTxt, summary, StandardCharsets.UTF_8);
        files.add(summaryTxt);

        ExperimentSettings first = runs.get(0);
        out.println(String.format(Locale.ROOT, "Backpressure experiment: %d run(s) of %s each; load: %s; "
                        + "latency columns: send() called -> received, e2e: scheduled -> received",
                runs.size(), ExperimentReport.formatNanos(first.duration().toNanos()), first.load()));
        table.forEach(out::println);
        out.println("Output: " + dir + " (runs.csv, samples.csv, summary.txt, "
                + (files.size() - 3) + " chart files, PNG and SVG)");
        out.flush();
        return new Result(List.copyOf(reports), labels, List.copyOf(files));
    }
}
