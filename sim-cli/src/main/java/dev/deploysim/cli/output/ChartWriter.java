package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.REPORT;

import dev.deploysim.cli.chart.ChartFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;

/**
 * What every command that draws charts shares: one chart written as {@code NAME.png} and {@code
 * NAME.svg} in the formats chosen with {@code --format} (the SVG's element ids prefixed with {@code
 * NAME-}), the file names a command writes (its data files, each chart in each format, report.md),
 * and the extension report.md links its charts with.
 */
public final class ChartWriter {
  private ChartWriter() {}

  /** Writes a JFreeChart (rendered through JFreeChart's own path) in each chosen format. */
  public static void write(OutputFolder folder, String name, JFreeChart chart, int width, int height,
      Set<OutputFormat> formats, List<Path> written) {
    write(folder, name, formats, written, () -> ChartFiles.png(chart, width, height),
        () -> ChartFiles.svg(chart, width, height, name + "-"));
  }

  /** Writes a figure drawn by deploysim in each chosen format. */
  public static void write(OutputFolder folder, String name, Drawable figure, int width, int height,
      Set<OutputFormat> formats, List<Path> written) {
    write(folder, name, formats, written, () -> ChartFiles.png(figure, width, height),
        () -> ChartFiles.svg(figure, width, height, name + "-"));
  }

  private static void write(OutputFolder folder, String name, Set<OutputFormat> formats, List<Path> written,
      Supplier<byte[]> png, Supplier<String> svg) {
    if (formats.contains(OutputFormat.PNG)) {
      written.add(folder.write(name + ".png", png.get()));
    }
    if (formats.contains(OutputFormat.SVG)) {
      written.add(folder.write(name + ".svg", svg.get()));
    }
  }

  /** The files a command writes, in order: {@code files}, each chart in each chosen format, report.md. */
  public static List<String> fileNames(List<String> files, List<String> charts, Set<OutputFormat> formats) {
    List<String> names = new ArrayList<>(files);
    for (String chart : charts) {
      for (OutputFormat f : OutputFormat.values()) {
        if (formats.contains(f)) {
          names.add(chart + "." + f.extension());
        }
      }
    }
    names.add(REPORT);
    return names;
  }

  /** The extension report.md links charts with: png when written, else svg, else null (no charts). */
  public static String reportImages(Set<OutputFormat> formats) {
    return formats.contains(OutputFormat.PNG) ? "png" : formats.contains(OutputFormat.SVG) ? "svg" : null;
  }
}
