package dev.deploysim.cli;

import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/** A strategy type with a bug: it throws when the deployment starts (for exit code 1). */
final class ExplodingStrategy implements StrategyType {
  static final String NAME = "test.explode";

  @Override
  public StrategyDescription description() {
    return new StrategyDescription(NAME, "a bug", "throws when it starts", List.of(),
        RollbackPolicy.neverReverts(null, null).withoutAlarmRollback(null));
  }

  @Override
  public Strategy create(StrategyParams params) {
    return d -> {
      throw new IllegalStateException("the strategy blew up");
    };
  }

  /** Every real strategy plus this one. */
  static StrategyCatalog catalog() {
    List<StrategyType> all = new ArrayList<>(Strategies.catalog().all());
    all.add(new ExplodingStrategy());
    return new StrategyCatalog(all);
  }
}
