package dev.deploysim.engine;

/**
 * A quantity that holds its value between changes (instances in service, healthy capacity), with
 * its time-weighted mean, minimum and maximum over simulated time.
 */
public final class TimeWeighted {
  private final double start;
  private double lastTime;
  private double value;
  private double integral;
  private double min;
  private double max;

  public TimeWeighted(double startTime, double initialValue) {
    this.start = startTime;
    this.lastTime = startTime;
    this.value = initialValue;
    this.min = initialValue;
    this.max = initialValue;
  }

  /** The value changes to {@code newValue} at {@code time} (not before the last change). */
  public void update(double time, double newValue) {
    advance(time);
    value = newValue;
    if (newValue < min) {
      min = newValue;
    }
    if (newValue > max) {
      max = newValue;
    }
  }

  private void advance(double time) {
    if (time < lastTime) {
      throw new IllegalArgumentException("time went backwards: " + time + " < " + lastTime);
    }
    integral += value * (time - lastTime);
    lastTime = time;
  }

  public double value() {
    return value;
  }

  /** Integral of the value from the start to {@code time}. */
  public double integral(double time) {
    if (time < lastTime) {
      throw new IllegalArgumentException("time went backwards: " + time + " < " + lastTime);
    }
    return integral + value * (time - lastTime);
  }

  /** Time-weighted mean from the start to {@code time}; the current value for an empty span. */
  public double mean(double time) {
    double span = time - start;
    return span > 0 ? integral(time) / span : value;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }
}
