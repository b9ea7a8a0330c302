package dev.deploysim.strategies.apigateway;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.ApiStage;
import dev.deploysim.model.World;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.route53.StackShift;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import java.util.List;

/**
 * An Amazon API Gateway REST API stage's canary release: the stage keeps its deployment and gains
 * canary settings; {@code percentTraffic} of the requests, picked at random request by request, go
 * to the canary's deployment. After {@code promoteAfter} the canary is promoted (the stage takes the
 * canary's deployment, the canary's share goes to 0%).
 *
 * <p>API Gateway itself neither ramps a canary nor rolls it back: weight changes, promotion and
 * deletion are API calls. {@code deleteCanaryOnAlarms} models a pipeline step (not API Gateway) that
 * watches {@code pipelineAlarms} and deletes the canary settings when one goes to ALARM: every request
 * goes to the stage's deployment again. See
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html and
 * docs/platforms/apigateway.md.
 *
 * <p>Integrations: {@code lambda} (each deployment calls a function version from {@code versions:};
 * no fleet) or {@code http} (the stage's deployment calls the scenario's fleet behind its load
 * balancer; the canary's calls a second fleet with the new version, launched first and removed by
 * the pipeline after a rollback; after a promotion the pipeline removes the old fleet).
 */
public final class ApiGatewayCanary extends DescribedStrategyType {

  static final ParamSpec INTEGRATION = ParamSpec.optional("integration",
      new ParamType.EnumType(List.of("http", "lambda")), "http", "integration type",
      "http: the stage's methods call an HTTP backend, the fleet behind its load balancer (the canary's deployment "
          + "calls a second fleet with the new version); lambda: a Lambda function version of versions: (no fleet)");
  static final ParamSpec PERCENT = ParamSpec.optional("percentTraffic", new ParamType.NumberType(0, 100), 10.0,
      "canarySettings.percentTraffic",
      "percent (0.0-100.0) of the stage's requests sent to the canary, picked at random per request (an "
          + "assumption: 10; AWS states no default, its examples use 10.5)");
  static final ParamSpec USE_STAGE_CACHE = ParamSpec.optional("useStageCache", new ParamType.BooleanType(), false,
      "canarySettings.useStageCache",
      "whether the canary's requests may be answered from the stage cache (only with stage caching on; each "
          + "deployment has its own cache entries; false in AWS's examples, assumed by default)");
  static final ParamSpec CACHE_HIT_RATIO = ParamSpec.optional("cacheHitRatio", new ParamType.NumberType(0, 1), 0.0,
      "cacheClusterEnabled",
      "stage caching: the share (0-1) of requests answered from the stage cache without calling the integration; "
          + "0: caching off (an assumption, the hit ratio depends on the API)");
  static final ParamSpec PROMOTE_AFTER = ParamSpec.optional("promoteAfter",
      new ParamType.DurationType(0, 7 * 24 * 3600.0, true), 600.0, null,
      "how long the canary is evaluated before it is promoted, or never (the canary stays at percentTraffic); "
          + "set by whoever promotes it (an assumption: 10m)");
  static final ParamSpec DELETE_ON_ALARMS = ParamSpec.optional("deleteCanaryOnAlarms", new ParamType.BooleanType(),
      false, null,
      "the pipeline's action, not API Gateway's: a pipeline step watching pipelineAlarms deletes the canary "
          + "settings when one goes to ALARM before the promotion (a rollback: every request to the stage's "
          + "deployment)");
  static final ParamSpec PIPELINE_ALARMS = ParamSpec.optional("pipelineAlarms",
      new ParamType.ListType(new ParamType.StringType(), 1, 10), null, null,
      "alarms (names under alarms:) the pipeline watches with deleteCanaryOnAlarms; newVersionErrorRate is the "
          + "canary's own metrics (API Gateway reports canary requests separately); default: every alarm of the "
          + "scenario");

  static final String ALARM_REFUSAL = "API Gateway does not roll back a canary on CloudWatch alarms (promotion and "
      + "deletion are API calls); to model a pipeline step that deletes the canary when an alarm fires, set "
      + "deployment.strategy.deleteCanaryOnAlarms: true (and pipelineAlarms) and remove rollback.onAlarms";

  public ApiGatewayCanary() {
    super(new StrategyDescription("apigateway.canary",
        "Amazon API Gateway REST API stage canary release",
        "percentTraffic of the stage's requests go at random to the canary deployment (useStageCache, canary metrics "
            + "separate); promoted after promoteAfter; a pipeline may delete the canary on alarms (deleteCanaryOnAlarms)",
        List.of(INTEGRATION, PERCENT, USE_STAGE_CACHE, CACHE_HIT_RATIO, PROMOTE_AFTER, DELETE_ON_ALARMS,
            PIPELINE_ALARMS, StackShift.timeoutParam()),
        RollbackPolicy.decidedByParameter("deleteCanaryOnAlarms",
                "API Gateway keeps or promotes a canary whatever its errors; only a pipeline step "
                    + "(deleteCanaryOnAlarms) deletes it when an alarm fires, which rolls back (onFailure is not "
                    + "accepted)",
                "API Gateway has no rollback-on-failure setting: a canary stays until it is promoted or deleted; set "
                    + "deployment.strategy.deleteCanaryOnAlarms: true to model a pipeline that deletes it on alarms, "
                    + "and remove onFailure")
            .withoutAlarmRollback(ALARM_REFUSAL)));
  }

  @Override
  public boolean needsFleet(StrategyParams params) {
    return "http".equals(params.string("integration"));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    String path = "deployment.strategy.";
    if (params.bool("useStageCache") && params.number("cacheHitRatio") == 0) {
      problems.add(path + "useStageCache", "useStageCache needs stage caching on",
          "set cacheHitRatio above 0 (the share of requests the stage cache answers) or remove useStageCache");
    }
    if ("http".equals(params.string("integration")) && scenario.fleet() == null) {
      problems.add(path + "integration", "integration: http needs a fleet (the HTTP backend)",
          "add a fleet, or use integration: lambda");
    }
    if ("lambda".equals(params.string("integration")) && params.isExplicit("timeout")) {
      problems.add(path + "timeout", "applies to integration: http only (the wait for the canary's fleet)");
    }
    List<String> defined = scenario.alarms().stream().map(AlarmSpec::name).toList();
    if (params.has("pipelineAlarms")) {
      if (!params.bool("deleteCanaryOnAlarms")) {
        problems.add(path + "pipelineAlarms", "pipelineAlarms are watched only with deleteCanaryOnAlarms: true");
      }
      List<Object> named = params.list("pipelineAlarms");
      for (int k = 0; k < named.size(); k++) {
        if (!defined.contains(String.valueOf(named.get(k)))) {
          problems.addDependingOn("alarms", path + "pipelineAlarms[" + k + "]",
              "no alarm named '" + named.get(k) + "' under alarms", defined.isEmpty() ? "define it under alarms" : "one of " + String.join(", ", defined));
        }
      }
    } else if (params.bool("deleteCanaryOnAlarms") && defined.isEmpty()) {
      problems.addDependingOn("alarms", path + "deleteCanaryOnAlarms",
          "deleteCanaryOnAlarms needs alarms to watch", "define an alarm under alarms, e.g. on newVersionErrorRate (the canary's own metrics)");
    }
  }

  /** The stage is in front of the application's one name (docs/resilience.md#deploying-several-fleets). */
  @Override
  public String whyNotPerFleet() {
    return "its stage fronts the application's one name, for every fleet and region, so it cannot run once per "
        + "fleet";
  }

  @Override
  public Strategy create(StrategyParams params) {
    CanaryPlan plan = CanaryPlan.of(params);
    return new Strategy() {
      private ApiStage stage;

      @Override
      public void setUp(World world) {
        stage = CanaryRun.frontStage(world, plan);
      }

      @Override
      public void start(dev.deploysim.strategy.Deployment deployment) {
        List<String> watched = plan.pipelineAlarms() != null ? plan.pipelineAlarms()
            : deployment.scenario().alarms().stream().map(AlarmSpec::name).toList();
        new CanaryRun(deployment, stage, plan, plan.deleteOnAlarms() ? watched : List.of()).start();
      }
    };
  }
}
