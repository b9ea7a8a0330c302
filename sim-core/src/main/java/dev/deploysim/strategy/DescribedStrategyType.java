package dev.deploysim.strategy;

/**
 * A strategy type whose description is given once, to the constructor: the class then holds only
 * what differs from type to type, its rules ({@link #validate}) and its run ({@link #create}).
 *
 * <pre>{@code
 * public final class OneZoneAtATime extends DescribedStrategyType {
 *   public OneZoneAtATime() {
 *     super(new StrategyDescription("example.one-zone-at-a-time", "a zone-by-zone in-place deployment",
 *         "install zone after zone, baking bakeTime between zones", List.of(BAKE),
 *         RollbackPolicy.configurable(true)));
 *   }
 *
 *   public Strategy create(StrategyParams params) { ... }
 * }
 * }</pre>
 */
public abstract class DescribedStrategyType implements StrategyType {
  private final StrategyDescription description;

  protected DescribedStrategyType(StrategyDescription description) {
    if (description == null) {
      throw new IllegalArgumentException("a strategy type needs a description");
    }
    this.description = description;
  }

  @Override
  public final StrategyDescription description() {
    return description;
  }
}
