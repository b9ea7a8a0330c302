package dev.deploysim.cli.output;

/**
 * The name of every file the commands write into an output folder, each named once; what each
 * holds is in docs/outputs.md. A chart is named without an extension: it is written as NAME.png
 * and NAME.svg, in the formats chosen with {@code --format}. A command writes only these names,
 * so anything else in its output folder is left alone.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** Every command's last file: the page for notes. */
  public static final String REPORT = "report.md";

  // sim run
  public static final String SUMMARY = "summary.json";
  public static final String TIMESERIES = "timeseries.csv";
  public static final String EVENTS = "events.log";
  public static final String CAPACITY_CHART = "capacity";
  public static final String VERSIONS_CHART = "versions";
  /** Written only for runs that model latency (some version has a responseTime). */
  public static final String LATENCY_CHART = "latency";

  // --replications N (N > 1): of sim run, and (the CSV) of sim sweep
  public static final String REPLICATIONS = "replications.csv";
  public static final String REPLICATIONS_CHART = "replications";

  // sim compare
  public static final String COMPARE_JSON = "compare.json";
  public static final String COMPARE_CAPACITY_CHART = "compare-capacity";
  public static final String COMPARE_FAILED_CHART = "compare-failed";
  /** Written only when some run models latency (a version with a responseTime). */
  public static final String COMPARE_LATENCY_CHART = "compare-latency";

  // sim sweep (and sim merge)
  public static final String SWEEP_CSV = "sweep.csv";
  public static final String SWEEP_JSON = "sweep.json";
  public static final String TRADEOFF_CAPACITY_CHART = "tradeoff-capacity";
  public static final String TRADEOFF_FAILED_CHART = "tradeoff-failed";
  /** Written only when two keys vary. */
  public static final String HEATMAP_CHART = "heatmap";

  // sim power
  public static final String POWER_CSV = "power.csv";
  public static final String POWER_JSON = "power.json";
  public static final String POWER_CHART = "power";
}
