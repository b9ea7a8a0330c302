package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import dev.deploysim.engine.Distribution;
import java.util.List;

/**
 * Fake strategy types for the loader's tests, so they do not depend on the real strategies:
 * {@code fake.rolling} has a parameter of every {@link ParamType} kind and a validate() rule,
 * {@code fake.all-at-once} refuses alarm rollback the way Elastic Beanstalk does and never rolls
 * back a failed deployment, {@code fake.immutable} always does, {@code fake.refresh} decides by its
 * own autoRollback parameter (no rollback-on-failure setting), {@code fake.serverless} needs no
 * fleet.
 */
final class TestCatalog {
  private TestCatalog() {}

  static StrategyCatalog catalog() {
    return new StrategyCatalog(List.of(new Rolling(), new AllAtOnce(), new Immutable(), new Refresh(),
        new Serverless()));
  }

  private abstract static class Fake implements StrategyType {
    static final String SUMMARY = "a fake strategy for tests";

    @Override
    public Strategy create(StrategyParams params) {
      return d -> d.succeeded();
    }
  }

  static final class Rolling extends Fake {
    static final ParamType.ObjectType STEP = new ParamType.ObjectType(List.of(
        ParamSpec.required("weight", new ParamType.IntegerType(0, 100), null, "percent of traffic"),
        ParamSpec.required("hold", new ParamType.DurationType(0, 86400, false), null, "how long")));
    static final ParamType.ObjectType MIN_HEALTHY = new ParamType.ObjectType(List.of(
        ParamSpec.required("type", new ParamType.EnumType(List.of("HOST_COUNT", "FLEET_PERCENT")), null, "kind"),
        ParamSpec.required("value", new ParamType.IntegerType(0, 100), null, "value")));

    /** As CodeDeploy's hooks: a run time, or {duration (or never), fails (true, false or 0..1), timeout}. */
    static final ParamType.ObjectType SCRIPT = new ParamType.ObjectType(List.of(
        ParamSpec.optional("duration", ParamType.OneOfType.of(new ParamType.DistributionType(),
            new ParamType.EnumType(List.of("never"))), Distribution.constant(0), null, "run time or never"),
        ParamSpec.optional("fails", ParamType.OneOfType.of(new ParamType.BooleanType(), new ParamType.NumberType(0, 1)),
            false, null, "true, false or a probability"),
        ParamSpec.optional("timeout", new ParamType.DurationType(1, 3600, false), 3600, null, "timeout")));
    static final ParamType HOOK = ParamType.OneOfType.of(new ParamType.DistributionType(), SCRIPT);

    static final StrategyDescription DESCRIPTION = new StrategyDescription("fake.rolling", "Fake Rolling", SUMMARY,
        List.of(
            ParamSpec.optional("batchSize", new ParamType.CountOrPercentType(1, 1, 100), CountOrPercent.percent(30),
              "BatchSize", "instances per batch"),
          ParamSpec.optional("timeout", new ParamType.DurationType(1, 3600, false), 600.0, "Timeout", "timeout"),
          ParamSpec.optional("pauseTime", new ParamType.DurationType(0, 3600, true), 0.0, null, "pause or never"),
          ParamSpec.optional("ignoreHealthCheck", new ParamType.BooleanType(), false, null, "ignore health"),
          ParamSpec.optional("mode", new ParamType.EnumType(List.of("fast", "safe")), "safe", null, "mode"),
          ParamSpec.optional("weight", new ParamType.IntegerType(0, 999), 1, null, "weight"),
          ParamSpec.optional("fraction", new ParamType.NumberType(0, 1), 0.5, null, "fraction"),
          ParamSpec.optional("label", new ParamType.StringType(), null, null, "label"),
          ParamSpec.optional("warmup", new ParamType.DistributionType(), Distribution.constant(0), null, "warm-up"),
          ParamSpec.optional("steps", new ParamType.ListType(STEP, 0, 20), List.of(), null, "traffic steps"),
          ParamSpec.optional("hooks", new ParamType.MapType(new ParamType.EnumType(
              List.of("BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService")), HOOK),
              null, null, "time per lifecycle event, or a script"),
          ParamSpec.optional("minimumHealthyHosts", MIN_HEALTHY, null, null, "minimum healthy hosts"),
          ParamSpec.optional("grace", new ParamType.DurationType(0, 600, false), 30, null,
              "a default written as an int where the type binds a Double")),
        RollbackPolicy.configurable(true));

    @Override
    public StrategyDescription description() {
      return DESCRIPTION;
    }

    @Override
    public void validate(StrategyParams params, Scenario scenario, Problems problems) {
      CountOrPercent batch = params.countOrPercent("batchSize");
      int fleet = scenario.fleet().instances();
      if (!batch.percent() && batch.value() > fleet) {
        problems.add("deployment.strategy.batchSize", "batch size " + batch + " is larger than the fleet ("
            + fleet + " instances)", "use at most " + fleet + " or a percentage");
      }
      List<Object> steps = params.list("steps");
      for (int i = 1; i < steps.size(); i++) {
        int prev = ((StrategyParams) steps.get(i - 1)).integer("weight");
        int cur = ((StrategyParams) steps.get(i)).integer("weight");
        if (cur < prev) {
          problems.add("deployment.strategy.steps[" + i + "].weight", "weights must not decrease");
        }
      }
    }
  }

  static final class AllAtOnce extends Fake {
    @Override
    public StrategyDescription description() {
      return new StrategyDescription("fake.all-at-once", "Fake AllAtOnce", SUMMARY, List.of(),
          RollbackPolicy.neverReverts(null, "fake all-at-once deployments do not roll back automatically: a failed "
              + "deployment leaves every instance on the new version; redeploy a known good version")
              .withoutAlarmRollback("Elastic Beanstalk does not roll back on CloudWatch alarms, only on health "
                  + "checks; use a codedeploy.* strategy or remove it"));
    }
  }

  /** Always reverts; the refusal and help text are the standard wording. */
  static final class Immutable extends Fake {
    @Override
    public StrategyDescription description() {
      return new StrategyDescription("fake.immutable", "Fake Immutable", SUMMARY, List.of(),
          RollbackPolicy.alwaysReverts(null, null).withoutAlarmRollback(null));
    }
  }

  /** Its own parameter decides: no default for the setting, so the setting is refused. */
  static final class Refresh extends Fake {
    @Override
    public StrategyDescription description() {
      return new StrategyDescription("fake.refresh", "Fake InstanceRefresh", SUMMARY,
          List.of(ParamSpec.optional("autoRollback", new ParamType.BooleanType(), false, null, "roll back")),
          RollbackPolicy.decidedByParameter("autoRollback", null, null));
    }
  }

  static final class Serverless extends Fake {
    @Override
    public StrategyDescription description() {
      return new StrategyDescription("fake.serverless", "Fake Lambda", SUMMARY,
          List.of(ParamSpec.optional("percent", new ParamType.NumberType(0, 100), 10.0, null, "canary percent")),
          RollbackPolicy.configurable(true));
    }

    @Override
    public boolean needsFleet(StrategyParams params) {
      return false;
    }
  }
}
