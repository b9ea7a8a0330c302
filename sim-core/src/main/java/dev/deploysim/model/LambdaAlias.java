package dev.deploysim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Lambda function alias with weighted versions: no instances and no capacity limit; each
 * version fails its error rate of the requests it receives, and a version whose health is
 * failing fails all of them.
 */
public final class LambdaAlias implements Endpoint {
  private final World world;
  private final String name;
  private final Map<String, Double> weights = new LinkedHashMap<>();

  LambdaAlias(World world, String name, String version) {
    this.world = world;
    this.name = name;
    weights.put(version, 1.0);
  }

  @Override
  public String name() {
    return name;
  }

  /** Version weights as fractions that sum to 1. */
  public Map<String, Double> weights() {
    return java.util.Collections.unmodifiableMap(weights);
  }

  /** Routes {@code fraction} (0..1) of requests to {@code to} and the rest to {@code from}. */
  public void shift(String from, String to, double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be in 0..1");
    }
    weights.clear();
    if (fraction < 1) {
      weights.put(from, 1 - fraction);
    }
    if (fraction > 0) {
      weights.put(to, fraction);
    }
    world.log("lambda", name + " routes " + pct(fraction) + " to " + to
        + (fraction < 1 ? " and " + pct(1 - fraction) + " to " + from : ""));
    world.changed();
  }

  private static String pct(double f) {
    double p = f * 100;
    return (p == Math.rint(p) ? Long.toString((long) p) : String.format(java.util.Locale.ROOT, "%.1f", p)) + "%";
  }
}
