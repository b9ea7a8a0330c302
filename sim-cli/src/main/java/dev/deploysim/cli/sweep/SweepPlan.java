package dev.deploysim.cli.sweep;

import dev.deploysim.cli.text.Json;
import dev.deploysim.sweep.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * What a sweep is, independent of how its runs were spread over processes: the file, the seed, the
 * replications per point, the varied keys and every point (its values, seed, strategy type and
 * notes). Every output of a sweep is made from this and the runs' rows alone, and a shard writes it
 * into its JSON file, so {@code sim merge} writes the same bytes as one unsharded run.
 *
 * @param file the scenario file as the user typed it
 * @param strategy the file's own strategy type
 */
public record SweepPlan(String file, String scenario, String strategy, long seed, int replications,
    List<Grid.Axis> axes, List<Point> points) {

  public SweepPlan {
    axes = List.copyOf(axes);
    points = List.copyOf(points);
  }

  /**
   * One point.
   *
   * @param values one per axis, in axis order
   * @param seed the point's seed (its replication 0)
   * @param strategy the strategy type the point deploys with
   * @param notes what a changed strategy type dropped
   */
  public record Point(int index, List<String> values, long seed, String strategy, List<String> notes) {
    public Point {
      values = List.copyOf(values);
      notes = List.copyOf(notes);
    }
  }

  public long units() {
    return (long) points.size() * replications;
  }

  /** {@code batchSize=2, interval=15s}: the point's values under the last part of each key. */
  public String label(Point p) {
    List<String> parts = new ArrayList<>();
    for (int a = 0; a < axes.size(); a++) {
      parts.add(shortKey(axes.get(a).key()) + "=" + p.values().get(a));
    }
    return String.join(", ", parts);
  }

  /** The last part of a key path: {@code deployment.strategy.batchSize} -> {@code batchSize}. */
  public static String shortKey(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? key : key.substring(dot + 1);
  }

  /** The plan as a JSON object (keys in a fixed order). */
  public Map<String, Object> json() {
    Map<String, Object> o = Json.object();
    o.put("file", file);
    o.put("scenario", scenario);
    o.put("strategy", strategy);
    o.put("seed", seed);
    o.put("replications", replications);
    o.put("vary", varyJson(axes));
    List<Object> pts = new ArrayList<>();
    for (Point p : points) {
      pts.add(pointJson(p));
    }
    o.put("points", pts);
    return o;
  }

  public Map<String, Object> pointJson(Point p) {
    Map<String, Object> o = Json.object();
    o.put("point", p.index());
    Map<String, Object> settings = Json.object();
    for (int a = 0; a < axes.size(); a++) {
      settings.put(axes.get(a).key(), p.values().get(a));
    }
    o.put("settings", settings);
    o.put("seed", p.seed());
    o.put("strategy", p.strategy());
    o.put("notes", new ArrayList<Object>(p.notes()));
    return o;
  }

  /** Reads a plan written by {@link #json()}; throws {@link IllegalArgumentException} when it is not one. */
  @SuppressWarnings("unchecked")
  public static SweepPlan fromJson(Object value) {
    Map<String, Object> o = map(value, "sweep");
    List<Grid.Axis> axes = new ArrayList<>();
    for (Object a : list(o.get("vary"), "vary")) {
      Map<String, Object> ax = map(a, "vary[]");
      List<String> values = new ArrayList<>();
      for (Object v : list(ax.get("values"), "values")) {
        values.add(text(v, "values[]"));
      }
      axes.add(new Grid.Axis(text(ax.get("key"), "key"), values));
    }
    List<Point> points = new ArrayList<>();
    for (Object p : list(o.get("points"), "points")) {
      Map<String, Object> pt = map(p, "points[]");
      Map<String, Object> settings = map(pt.get("settings"), "settings");
      List<String> values = new ArrayList<>();
      for (Grid.Axis a : axes) {
        values.add(text(settings.get(a.key()), "settings." + a.key()));
      }
      List<String> notes = new ArrayList<>();
      for (Object n : list(pt.get("notes"), "notes")) {
        notes.add(text(n, "notes[]"));
      }
      points.add(new Point((int) number(pt.get("point"), "point"), values, number(pt.get("seed"), "seed"),
          text(pt.get("strategy"), "strategy"), notes));
    }
    return new SweepPlan(text(o.get("file"), "file"), text(o.get("scenario"), "scenario"),
        text(o.get("strategy"), "strategy"), number(o.get("seed"), "seed"), (int) number(o.get("replications"),
            "replications"), axes, points);
  }

  /** Parses JSON text (as written by {@link Json}) into maps, lists, strings, numbers. */
  public static Object parseJson(String text) {
    LoadSettings settings = LoadSettings.builder().setSchema(new JsonSchema()).setCodePointLimit(Integer.MAX_VALUE)
        .setAllowDuplicateKeys(false).build();
    return new Load(settings).loadFromString(text);
  }

  /** {@code v} as a JSON object; throws {@link IllegalArgumentException} when it is not one. */
  public static Map<String, Object> mapOf(Object v, String what) {
    return map(v, what);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v, String what) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(what + " is not an object");
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v, String what) {
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalArgumentException(what + " is not a list");
  }

  static String text(Object v, String what) {
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(what + " is not text");
  }

  static long number(Object v, String what) {
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(what + " is not a whole number");
  }

  /** The keys varied and their values, as sweep.json and a shard's plan write them. */
  public static List<Object> varyJson(List<Grid.Axis> axes) {
    List<Object> vary = new ArrayList<>();
    for (Grid.Axis a : axes) {
      Map<String, Object> ax = Json.object();
      ax.put("key", a.key());
      ax.put("values", new ArrayList<Object>(a.values()));
      vary.add(ax);
    }
    return vary;
  }
}
