package dev.deploysim.cli.chart;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.graphics2d.svg.SVGGraphics2D;

/**
 * Renders charts to PNG and SVG bytes, reproducibly: the same chart gives the same bytes (no
 * timestamps, fixed SVG ids), so outputs can be compared and committed.
 */
public final class ChartFiles {
  static {
    // charts never open a window; set before AWT loads (the launcher sets it too)
    System.setProperty("java.awt.headless", "true");
    ImageIO.setUseCache(false); // encode in memory, no temp files
  }

  private ChartFiles() {}

  public static byte[] png(JFreeChart chart, int width, int height) {
    BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The chart as an SVG document; {@code idPrefix} keeps ids unique when SVGs are inlined together. */
  public static String svg(JFreeChart chart, int width, int height, String idPrefix) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(idPrefix);
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGDocument() + "\n";
  }
}
