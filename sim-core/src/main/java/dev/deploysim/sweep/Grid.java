package dev.deploysim.sweep;

import dev.deploysim.load.Overrides;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The points of a sweep: every combination of the values of its axes (one axis per
 * {@code --vary KEY=V1,V2,...}). Points are numbered from 0 with the first axis varying slowest,
 * as nested loops in the order the axes were given: with {@code a=1,2} and {@code b=x,y,z}, point 0
 * is (1, x), point 1 (1, y), point 3 (2, x).
 */
public final class Grid {
  /** Most points a sweep may have: each is loaded and validated before anything runs. */
  public static final int MAX_POINTS = 10_000;

  /** Most values an integer range may give. */
  static final int MAX_RANGE = MAX_POINTS;

  /** One varied key and its values, as typed. */
  public record Axis(String key, List<String> values) {
    public Axis {
      values = List.copyOf(values);
    }
  }

  private final List<Axis> axes;
  private final int size;

  /** A grid over these axes; throws {@link IllegalArgumentException} (a user's message) when too large. */
  public Grid(List<Axis> axes) {
    this.axes = List.copyOf(axes);
    long n = 1;
    for (Axis a : this.axes) {
      n *= a.values().size();
      if (n > MAX_POINTS) {
        throw new IllegalArgumentException("the grid has more than " + MAX_POINTS + " points ("
            + String.join(" x ", this.axes.stream().map(x -> "" + x.values().size()).toList())
            + "); vary fewer keys or fewer values, or run several sweeps");
      }
    }
    this.size = (int) n;
  }

  public List<Axis> axes() {
    return axes;
  }

  public int size() {
    return size;
  }

  /** The settings of point {@code index}, one per axis in axis order. */
  public List<Overrides.Setting> point(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    Overrides.Setting[] out = new Overrides.Setting[axes.size()];
    int rest = index;
    for (int a = axes.size() - 1; a >= 0; a--) {
      Axis axis = axes.get(a);
      int n = axis.values().size();
      out[a] = new Overrides.Setting(axis.key(), axis.values().get(rest % n));
      rest /= n;
    }
    return List.of(out);
  }

  /**
   * The values of one {@code --vary}: comma-separated YAML values (commas inside brackets, braces
   * or quotes belong to the value: {@code [a, b],[a, b, c]} is two values), where {@code A..B}
   * stands for the integers from A to B. Throws {@link IllegalArgumentException} with a message for
   * the user.
   */
  public static List<String> values(String text) {
    List<String> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      String v = part.strip();
      if (v.isEmpty()) {
        throw new IllegalArgumentException("an empty value in '" + text + "'");
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?[0-9]{1,18})\\.\\.(-?[0-9]{1,18})").matcher(v);
      if (m.matches()) {
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        if (to < from) {
          throw new IllegalArgumentException("the range " + v + " is empty: write it low..high");
        }
        if (to - from >= MAX_RANGE) {
          throw new IllegalArgumentException("the range " + v + " has more than " + MAX_RANGE + " values");
        }
        for (long i = from; i <= to; i++) {
          out.add(Long.toString(i));
        }
      } else {
        out.add(v);
      }
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String v : out) {
      if (!seen.add(v)) {
        throw new IllegalArgumentException("the value " + v + " is given twice");
      }
    }
    return out;
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    parts.add(cur.toString());
    return parts;
  }
}
