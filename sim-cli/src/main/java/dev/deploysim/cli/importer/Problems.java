package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import java.util.ArrayList;
import java.util.List;

/** Problems found in the input files; the import goes on to find the others, then fails with all. */
final class Problems {
  /** More than this are summed up in one line. */
  static final int MAX = 100;

  private final List<ScenarioError> list = new ArrayList<>();
  private int dropped;

  void add(ScenarioError e) {
    if (list.size() >= MAX) {
      dropped++;
    } else {
      list.add(e);
    }
  }

  /** A problem with a value, at its literal (the key path says how it was reached). */
  void add(Value v, String message, String hint) {
    Where w = v.where();
    String path = v.path() == null || v.path().equals(w.path()) ? w.path() : w.path() + " (via " + v.path() + ")";
    add(new ScenarioError(w.file(), w.line(), w.column(), path, message, hint));
  }

  /** A problem at a place (a key rather than a value). */
  void add(Where w, String message, String hint) {
    add(new ScenarioError(w.file(), w.line(), w.column(), w.path(), message, hint));
  }

  boolean any() {
    return !list.isEmpty();
  }

  void throwIfAny() {
    if (!list.isEmpty()) {
      List<String> files = new ArrayList<>();
      list.forEach(e -> {
        if (!files.contains(e.file())) {
          files.add(e.file());
        }
      });
      List<ScenarioError> all = new ArrayList<>(list);
      all.sort(java.util.Comparator.comparingInt((ScenarioError e) -> files.indexOf(e.file()))
          .thenComparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
      if (dropped > 0) {
        all.add(new ScenarioError(list.get(0).file(), 0, 0, "", "and " + dropped + " more problems", null));
      }
      throw new ImportFailure(all);
    }
  }
}
