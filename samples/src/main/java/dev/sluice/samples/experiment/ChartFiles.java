package dev.sluice.samples.experiment;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a figure (XChart panels stacked top to bottom, all of one width) as {@code NAME.png}
 * and {@code NAME.svg}.
 *
 * <p>PNG through XChart's {@code BitmapEncoder}, which stacks panels itself. SVG the way XChart's
 * {@code VectorGraphicsEncoder} does for one chart (paint into a VectorGraphics2D, hand its
 * commands to the SVG processor), with each panel painted below the previous one, since the
 * encoder has no multi-panel form. Rendering needs no display ({@code java.awt.headless} is set
 * if it is not already).
 */
final class ChartFiles {

    private ChartFiles() {
    }

    /** Writes {@code base.png} and {@code base.svg}, creating the directory; returns both paths. */
    static List<Path> write(List<? extends Chart<?, ?>> panels, Path base) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Path parent = base.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        List<Chart<?, ?>> charts = new ArrayList<>(panels);
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
        VectorGraphics2D g = new VectorGraphics2D();
        int width = 0;
        int height = 0;
        for (Chart<?, ?> chart : charts) {
            g.translate(0, height);
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.translate(0, -height);
            width = Math.max(width, chart.getWidth());
            height += chart.getHeight();
        }
        try (OutputStream out = Files.newOutputStream(svg)) {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        }
        return List.of(png, svg);
    }
}
