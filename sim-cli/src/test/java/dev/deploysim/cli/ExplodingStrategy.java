package dev.deploysim.cli;

import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/** A strategy type with a bug: it throws when the deployment starts (for exit code 1). */
final class ExplodingStrategy implements StrategyType {
  static final String NAME = "test.explode";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String models() {
    return "a bug";
  }

  @Override
  public String summary() {
    return "throws when it starts";
  }

  @Override
  public List<ParamSpec> params() {
    return List.of();
  }

  @Override
  public boolean rollsBackOnAlarms() {
    return false;
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
