package dev.deploysim.strategy;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a strategy type says about itself, once: the scenario loader, {@code sim strategies},
 * the JSON Schema, {@code sim compare --strategies} and the run all read it from here.
 *
 * <pre>{@code
 * static final StrategyDescription DESCRIPTION = new StrategyDescription(
 *     "eb.rolling",                                      // <platform>.<policy>, kebab-case
 *     "Elastic Beanstalk Rolling",                       // the platform feature it models
 *     "deploy the existing instances batch by batch ...", // one line: what it does
 *     List.of(EbParams.BATCH_SIZE, EbParams.TIMEOUT),    // parameters, in help order, defaults inside
 *     RollbackPolicy.neverReverts(null, null).withoutAlarmRollback(null));
 * }</pre>
 *
 * <p>A parameter's default lives in its {@link ParamSpec} only: {@link #bind} and the loader apply
 * it, so {@code create()} reads {@code params.countOrPercent("batchSize")} and gets the default
 * when the file leaves the key out.
 *
 * @param name kebab-case {@code <platform>.<policy>}, e.g. {@code eb.rolling}; the scenario's
 *     {@code deployment.strategy.type}, and {@code scenarios/<name with dots as dashes>.yaml} is
 *     its healthy example (and {@code -bad.yaml} its failing one)
 * @param models the platform feature it models, e.g. "Elastic Beanstalk RollingWithAdditionalBatch"
 * @param summary one line: what it does
 * @param params the keys beside {@code type} under {@code deployment.strategy}, in the order help
 *     lists them
 * @param rollback what a failed deployment does and whether alarms stop it
 * @param rules which parameters go together (at most one of config and minimumHealthyHosts); the
 *     loader and the schema both check them
 * @param cases narrower parameters for a value of another (a Lambda traffic shift takes Lambda's
 *     configurations only); the schema states them, the type's {@code validate} words the refusal
 */
public record StrategyDescription(String name, String models, String summary, List<ParamSpec> params,
    RollbackPolicy rollback, List<ParamType.KeyRule> rules, List<ParamType.ValueCase> cases) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*");

  public StrategyDescription {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a strategy type name is <platform>.<policy> in kebab-case, got " + name);
    }
    if (models == null || models.isBlank() || summary == null || summary.isBlank()) {
      throw new IllegalArgumentException(name + ": models and summary are required");
    }
    if (rollback == null) {
      throw new IllegalArgumentException(name + ": a rollback policy is required");
    }
    params = List.copyOf(params);
    rules = List.copyOf(rules);
    cases = List.copyOf(cases);
    Set<String> seen = new HashSet<>();
    for (ParamSpec p : params) {
      if (p.name().equals("type") || !seen.add(p.name())) {
        throw new IllegalArgumentException(name + ": parameter " + p.name() + " is given twice (type is taken)");
      }
    }
    for (ParamType.KeyRule r : rules) {
      for (String k : r.keys()) {
        requireParam(name, params, k);
      }
    }
    for (ParamType.ValueCase c : cases) {
      requireParam(name, params, c.key());
      for (ParamSpec p : c.narrowed()) {
        requireParam(name, params, p.name());
      }
    }
    String decides = rollback.rollbackParameter();
    if (decides != null && params.stream().noneMatch(p -> p.name().equals(decides)
        && p.type() instanceof ParamType.BooleanType && p.defaultValue() != null)) {
      throw new IllegalArgumentException(name + ": the rollback policy names " + decides
          + ", which is not a boolean parameter with a default");
    }
  }

  private static void requireParam(String type, List<ParamSpec> params, String key) {
    if (params.stream().noneMatch(p -> p.name().equals(key))) {
      throw new IllegalArgumentException(type + ": a rule or case names " + key + ", which is not a parameter");
    }
  }

  public StrategyDescription(String name, String models, String summary, List<ParamSpec> params,
      RollbackPolicy rollback) {
    this(name, models, summary, params, rollback, List.of(), List.of());
  }

  /** The same type, with at most one of {@code keys} given (a predefined configuration or a custom one). */
  public StrategyDescription atMostOneOf(String... keys) {
    ParamType.ObjectType shape = shape().atMostOneOf(keys);
    return new StrategyDescription(name, models, summary, params, rollback, shape.rules(), cases);
  }

  /** The same type, with {@code narrowed} parameters when {@code key} is {@code value}. */
  public StrategyDescription when(String key, String value, ParamSpec... narrowed) {
    ParamType.ObjectType shape = shape().when(key, value, narrowed);
    return new StrategyDescription(name, models, summary, params, rollback, rules, shape.cases());
  }

  /** The parameters as a mapping, with their rules and cases. */
  public ParamType.ObjectType shape() {
    return new ParamType.ObjectType(params, rules, cases);
  }

  /** The parameter called {@code key}. */
  public Optional<ParamSpec> param(String key) {
    return params.stream().filter(p -> p.name().equals(key)).findFirst();
  }

  /** Parameters from Java values, defaults applied as the loader applies them (tests, variants). */
  public StrategyParams bind(Map<String, ?> given) {
    return StrategyParams.bind(params, given);
  }

  /** Every parameter at its default (required ones must be given: use {@link #bind}). */
  public StrategyParams defaults() {
    return bind(Map.of());
  }

  /** The error for {@code deployment.rollback.onAlarms} on a type that does not stop on alarms. */
  public String alarmRollbackRefusal() {
    return rollback.alarmRefusal() != null ? rollback.alarmRefusal()
        : models + " does not roll back on CloudWatch alarms";
  }

  /**
   * Why a scenario's explicit {@code deployment.rollback.onFailure} value is refused (it contradicts
   * what the platform does, or the type has no such setting), or null when it is accepted. The
   * message says what to write instead.
   */
  public String rollbackOnFailureRefusal(boolean onFailure) {
    boolean refused = switch (rollback.handling()) {
      case CONFIGURABLE -> false;
      case ALWAYS_REVERTS -> !onFailure;
      case NEVER_REVERTS -> onFailure;
      case NOT_A_SETTING -> true;
    };
    if (!refused) {
      return null;
    }
    if (rollback.onFailureRefusal() != null) {
      return rollback.onFailureRefusal().replace("{onFailure}", Boolean.toString(onFailure));
    }
    return switch (rollback.handling()) {
      case ALWAYS_REVERTS -> name + " always rolls back a failed deployment; remove onFailure or set it to true";
      case NEVER_REVERTS -> name + " never rolls back a failed deployment by itself; remove onFailure or set it to "
          + "false";
      default -> name + " (" + models + ") has no rollback-on-failure setting: the platform itself decides what "
          + "happens to a failed deployment (`sim strategies " + name + "` describes it); remove onFailure";
    };
  }

  /** One line for help: what happens when a deployment fails, and what onFailure may say. */
  public String failureBehaviour() {
    if (rollback.failureBehaviour() != null) {
      return rollback.failureBehaviour();
    }
    return switch (rollback.handling()) {
      case ALWAYS_REVERTS -> "always rolled back by the platform (onFailure may only be true)";
      case NEVER_REVERTS -> "never rolled back by the platform: it stops where it failed (outcome FAILED; onFailure "
          + "may only be false)";
      case NOT_A_SETTING -> "decided by its parameter " + rollback.rollbackParameter() + " (onFailure is not accepted)";
      case CONFIGURABLE -> rollback.rollbackByDefault() ? "rolled back unless onFailure is false (default true)"
          : "rolled back only when onFailure is true (default false)";
    };
  }
}
