package dev.deploysim.strategy;

import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.Scenario;

/**
 * A deployment strategy known to the simulator: its {@link StrategyDescription} (name, what it
 * models, parameters with their defaults, rollback policy), the scenario rules it imposes, and a
 * factory for one run's {@link Strategy}.
 *
 * <h2>Writing a new type</h2>
 *
 * <ol>
 *   <li>One class in its platform's package, extending {@link DescribedStrategyType} (which
 *       implements this interface) with its description given to the constructor:
 *       <pre>{@code
 * public final class OneZoneAtATime extends DescribedStrategyType {
 *   static final ParamSpec BAKE = ParamSpec.optional("bakeTime",
 *       new ParamType.DurationType(0, 3600, false), 300.0, null,
 *       "wait after each zone before the next one (an assumption: 5m)");
 *
 *   public OneZoneAtATime() {
 *     super(new StrategyDescription(
 *         "example.one-zone-at-a-time", "a zone-by-zone in-place deployment",
 *         "install zone after zone, baking bakeTime between zones",
 *         List.of(BAKE), RollbackPolicy.configurable(true)));
 *   }
 *
 *   public Strategy create(StrategyParams params) {
 *     double bake = params.duration("bakeTime");   // the default is bound: no fallback here
 *     return deployment -> new Run(deployment, bake).start();
 *   }
 * }
 * }</pre>
 *   <li>Rules beyond the parameter types in {@link #validate} (each problem with its key path);
 *       {@link #needsFleet} false for a serverless run.
 *   <li>One line in the catalog (sim-strategies {@code Strategies.catalog()}).
 *   <li>{@code scenarios/<name with dots as dashes>.yaml}, a healthy deployment, and {@code
 *       ...-bad.yaml}, a bad version with a comment saying what the platform does with it: the
 *       contract test runs both for every type in the catalog and checks the bad run's outcome
 *       against the rollback policy, and a row in the README's strategy table.
 * </ol>
 *
 * <p>Read parameters through {@link StrategyParams}'s typed accessors; a key with a default always
 * has a value there (the loader and {@link StrategyDescription#bind} apply the default), so never
 * restate a default in code. Only a key without a default (documented as computed from the
 * scenario, e.g. "default: the fleet's grace period") is read with {@link StrategyParams#optional}.
 */
public interface StrategyType {

  /** What this type is: name, what it models, parameters, rollback policy. */
  StrategyDescription description();

  /** Whether this run needs a fleet (false for serverless deployments). */
  default boolean needsFleet(StrategyParams params) {
    return true;
  }

  /**
   * Domain rules beyond the parameter types; report each with its key path. Runs only when the
   * strategy block itself is valid, so every parameter with a default has a value.
   */
  default void validate(StrategyParams params, Scenario scenario, Problems problems) {}

  /**
   * Whether the fleet may have a horizontal-pod-autoscaler: the deployment drives a Kubernetes
   * Deployment, whose replicas the autoscaler sets (it then takes the scaling over, see
   * dev.deploysim.model.Autoscaler).
   */
  default boolean takesHorizontalPodAutoscaler() {
    return false;
  }

  /**
   * Why this type cannot deploy several fleets one after the other (docs/resilience.md#deploying-several-fleets),
   * or null when it can, the default: each fleet then gets its own {@link Strategy} from {@link #create},
   * set up and started with that fleet as the environment ({@link Deployment#environment()}, {@link
   * Deployment#scenario()}'s fleet and load balancer). A type that acts on something the fleets share
   * (the application's DNS name, a stage in front of every region) says why here, and a file that
   * deploys several fleets with it is refused at its type.
   */
  default String whyNotPerFleet() {
    return null;
  }

  /** A fresh strategy for one run, from parameters with their defaults applied. */
  Strategy create(StrategyParams params);
}
