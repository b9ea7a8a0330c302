package dev.deploysim.model;

import dev.deploysim.strategy.StrategyCatalog;

/** Architecture-test fixture: a model class that reaches up into the strategy layer. */
public class UsesStrategyLayer {
  public int size(StrategyCatalog catalog) {
    return catalog.all().size();
  }
}
