package dev.deploysim.cli.importer;

import dev.deploysim.load.DidYouMean;
import java.util.ArrayList;
import java.util.List;

/** Checks of a mapping's keys against the keys a platform documents. */
final class Keys {
  private Keys() {}

  /**
   * Reports each key that is not one of {@code known} (the platform would refuse it too), with a
   * did-you-mean; returns false when the value is not a mapping at all (reported).
   */
  static boolean check(Value map, String what, List<String> known, Problems p) {
    if (map.absent() || map.unknown() != null) {
      return false;
    }
    if (!map.isMap()) {
      p.add(map, what + " must be a mapping of " + String.join(", ", known) + ", got " + map.describe(), null);
      return false;
    }
    for (String k : map.keys()) {
      if (!known.contains(k)) {
        String hint = DidYouMean.hint(k, known);
        p.add(map.keyWhere(k), what + " has no key " + k, hint != null ? hint : "its keys: " + String.join(", ", known));
      }
    }
    return true;
  }

  /** The keys present that are among {@code watched}: settings read but not simulated. */
  static List<String> present(Value map, List<String> watched) {
    List<String> out = new ArrayList<>();
    for (String k : watched) {
      if (map.get(k).present()) {
        out.add(k);
      }
    }
    return out;
  }
}
