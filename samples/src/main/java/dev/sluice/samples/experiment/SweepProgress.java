package dev.sluice.samples.experiment;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a sweep (me.tongfei:progressbar), on the error stream so that the summary
 * on the standard output stays clean. Its unit is the milliseconds of run time planned over the
 * whole sweep; the sampler thread of the current run moves it, and the extra message names the
 * run ({@code run 2/6: sluice bounded(16)}). The drain and the collections between runs are not
 * counted, so the bar pauses there. Plain ASCII when the output is not a console (a log, a pipe). {@link #NONE} draws nothing ({@code --no-progress}).
 */
class SweepProgress implements AutoCloseable {

    /** No bar. */
    static final SweepProgress NONE = new SweepProgress();

    private final ProgressBar bar;
    private final PrintWriter err;
    private long base;

    private SweepProgress() {
        this.bar = null;
        this.err = null;
    }

    /** A bar of {@code totalMillis} drawn on {@code err}, refreshed every 200 ms. */
    SweepProgress(long totalMillis, PrintWriter err) {
        this.err = err;
        this.bar = new ProgressBarBuilder()
                .setTaskName("Sweep")
                .setInitialMax(totalMillis)
                .setUnit(" s", 1000)
                .setUpdateIntervalMillis(200)
                .setStyle(System.console() != null ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, 100))
                .build();
    }

    /** A run begins: {@code label}, planned for {@code millis}. */
    void startRun(int index, int count, String label) {
        if (bar != null) {
            bar.setExtraMessage("run " + index + "/" + count + ": " + label);
        }
    }

    /** The current run has been going for {@code elapsedNanos}; called by its sampler thread. */
    void elapsed(long elapsedNanos, long runMillis) {
        if (bar != null) {
            bar.stepTo(base + Math.min(runMillis, elapsedNanos / 1_000_000));
        }
    }

    /** The current run is over. */
    void endRun(long runMillis) {
        if (bar != null) {
            base += runMillis;
            bar.stepTo(base);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
