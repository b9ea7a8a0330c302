package dev.deploysim.strategies;

import dev.deploysim.strategies.eb.EbAllAtOnce;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.List;

/** Every strategy type the simulator knows. A new strategy is one class plus one line here. */
public final class Strategies {
  private Strategies() {}

  public static StrategyCatalog catalog() {
    return new StrategyCatalog(List.of(
        new EbAllAtOnce()));
  }
}
