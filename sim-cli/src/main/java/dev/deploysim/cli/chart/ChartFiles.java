package dev.deploysim.cli.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;
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
    return encode(image);
  }

  /** A figure of several charts (anything that draws itself into a rectangle) as PNG bytes. */
  public static byte[] png(Drawable figure, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setPaint(java.awt.Color.WHITE);
      g2.fillRect(0, 0, width, height);
      figure.draw(g2, new Rectangle(0, 0, width, height));
    } finally {
      g2.dispose();
    }
    return encode(image);
  }

  /** A figure as an SVG document. */
  public static String svg(Drawable figure, int width, int height, String idPrefix) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(idPrefix);
    g2.setPaint(java.awt.Color.WHITE);
    g2.fillRect(0, 0, width, height);
    figure.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGDocument() + "\n";
  }

  private static byte[] encode(BufferedImage image) {
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
