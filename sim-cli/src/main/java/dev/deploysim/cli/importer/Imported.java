package dev.deploysim.cli.importer;

import java.util.List;
import java.util.Objects;

/**
 * One value of the scenario being written, with where it comes from.
 *
 * @param value a String, Long, Double, Boolean, a list of those (written as a flow list), or
 *     {@link Flow} (YAML written as it is, e.g. a distribution)
 * @param provenance the file and key it was read from, or why it was assumed
 */
public record Imported(Object value, Provenance provenance) {
  public Imported {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(provenance, "provenance");
    if (value instanceof List<?> l) {
      value = List.copyOf(l);
    }
  }

  /** YAML in flow style, written out as it is ({@code {uniform: [20s, 40s]}}). */
  public record Flow(String yaml) {
    @Override
    public String toString() {
      return yaml;
    }
  }

  public boolean assumed() {
    return provenance instanceof Provenance.Assumed;
  }
}
