package dev.deploysim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Weighted answers over time, as clients that remember one for a while see them: DNS answers cached
 * for a TTL ({@link Dns}), target-group bindings kept for the stickiness duration ({@link
 * LoadBalancer}). Each epoch is a set of weights in force from its start until the next epoch.
 *
 * <p>Fluid client model: clients renew their answer every {@code window} seconds, at moments
 * spread evenly, so the age of the answers they hold is uniform over the window. At {@code now}
 * the share of clients holding an answer from an epoch is the overlap of the epoch with [now -
 * window, now], over the window; within one answer requests split by weight (all weights 0: equal
 * shares, as Route 53 does).
 *
 * @param <K> what the weights point at (a DNS endpoint, a target group)
 */
final class ShareEpochs<K> {

  record Epoch<K>(double start, Map<K, Integer> weights) {}

  private final List<Epoch<K>> epochs = new ArrayList<>();

  /** Starts with one answer that has been in place forever. */
  ShareEpochs(Map<K, Integer> initial) {
    epochs.add(new Epoch<>(Double.NEGATIVE_INFINITY, initial));
  }

  /** Replaces the only epoch: {@code weights} have been in place forever. */
  void alwaysHad(Map<K, Integer> weights) {
    epochs.clear();
    epochs.add(new Epoch<>(Double.NEGATIVE_INFINITY, weights));
  }

  List<Epoch<K>> epochs() {
    return epochs;
  }

  Epoch<K> last() {
    return epochs.get(epochs.size() - 1);
  }

  /** New weights from {@code now} on; answers older than {@code maxAge} are forgotten. */
  void change(double now, Map<K, Integer> weights, double maxAge) {
    Epoch<K> last = last();
    if (last.start() == now) {
      epochs.remove(epochs.size() - 1);
    }
    epochs.add(new Epoch<>(now, weights));
    // forget answers no client can still hold
    while (epochs.size() > 1 && epochs.get(1).start() <= now - maxAge) {
      epochs.remove(0);
    }
  }

  /** True while clients renewing every {@code window} hold answers from more than one epoch. */
  boolean inTransition(double now, double window) {
    return epochs.size() > 1 && now - last().start() < window;
  }

  /**
   * Adds to {@code out} the shares of the clients (a fraction {@code mass} of all) that renew their
   * answer every {@code window} seconds (0: at once).
   */
  void addWindow(Map<K, Double> out, double now, double window, double mass) {
    if (mass <= 0) {
      return;
    }
    double from = now - window;
    for (int i = 0; i < epochs.size(); i++) {
      Epoch<K> e = epochs.get(i);
      double end = i + 1 < epochs.size() ? epochs.get(i + 1).start() : Double.POSITIVE_INFINITY;
      double share;
      if (window <= 0) {
        share = (now >= e.start() && now < end) ? 1 : 0;
      } else {
        double lo = Math.max(from, e.start());
        double hi = Math.min(now, end);
        share = hi > lo ? (hi - lo) / window : 0;
      }
      if (share <= 0) {
        continue;
      }
      int sum = 0;
      for (int w : e.weights().values()) {
        sum += w;
      }
      int n = e.weights().size();
      for (var r : e.weights().entrySet()) {
        double f = sum == 0 ? 1.0 / n : (double) r.getValue() / sum;
        if (f > 0) {
          out.merge(r.getKey(), mass * share * f, Double::sum);
        }
      }
    }
  }
}
