/**
 * The charts, drawn with JFreeChart without a display and rendered to reproducible PNG and SVG
 * bytes: the look they share ({@link dev.deploysim.cli.chart.ChartTheme}), deployment phases as
 * shaded bands and markers as vertical lines, one class per chart, and thinning of long series.
 * Knows nothing of files or commands; takes its words and numbers from {@code text}.
 */
package dev.deploysim.cli.chart;
