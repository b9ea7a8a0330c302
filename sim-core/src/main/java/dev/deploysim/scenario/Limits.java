package dev.deploysim.scenario;

/**
 * The bounds of the scenario format that keep every valid scenario's run finite in time and
 * memory and its arithmetic exact. The loader refuses a value beyond one (file, line, column, key
 * path and the bound in words), the JSON Schema states each, and the README's "Limits" section
 * lists them with their reasons.
 */
public final class Limits {
  private Limits() {}

  /**
   * The longest simulated time, in seconds (30 days): every time and duration of a scenario
   * (horizon, deployment.at, fault and alarm times, waits) is at most this, and no run simulates
   * past it. The longest wait any modelled platform allows (CodeDeploy: 2 days; Argo and Route 53
   * holds as this project models them: 30 days) fits.
   */
  public static final double MAX_SECONDS = 30 * 86400.0;

  /** {@link #MAX_SECONDS} in words, for messages and the schema. */
  public static final String MAX_TIME_WORDS = "30 days (720h)";

  /**
   * Rows of {@code timeseries.csv} one run may have at most: a run holds its rows in memory (about
   * {@link #bytesPerRow} each) until the outputs are written, so this keeps one run within a few
   * hundred megabytes whatever its horizon and sample interval.
   */
  public static final long MAX_SAMPLES = 1_000_000;

  /**
   * Requests per second a scenario's demand, or one instance's capacity, may have at most: over
   * the longest run (30 days, 2,592,000 s) that is 2.592e15 requests, below 2^53 (about 9.007e15),
   * so every count of requests is a whole number a double holds exactly and no count saturates.
   */
  public static final double MAX_RPS = 1e9;

  /** Largest factor a version may multiply an instance's capacity by (a version 1000 times faster). */
  public static final double MAX_CAPACITY_FACTOR = 1000;

  /** Largest price of one instance-hour in USD (the largest EC2 instances cost a few hundred). */
  public static final double MAX_HOURLY_PRICE = 100_000;

  /** Memory one row of the time series takes: a double per column and the array around it. */
  public static long bytesPerRow(int columns) {
    return 16 + 8L * columns + 8;
  }
}
