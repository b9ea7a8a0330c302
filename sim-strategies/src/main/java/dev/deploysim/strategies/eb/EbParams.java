package dev.deploysim.strategies.eb;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * The Elastic Beanstalk deployment settings the policies share (namespace
 * aws:elasticbeanstalk:command and aws:elasticbeanstalk:healthreporting:system), with the
 * defaults AWS documents.
 */
public final class EbParams {
  private EbParams() {}

  /** Seconds Elastic Beanstalk adds to the command timeout ("600 + 240 = 840 seconds"). */
  public static final double TIMEOUT_MARGIN = 240;

  public static final ParamSpec TIMEOUT = ParamSpec.optional("timeout",
      new ParamType.DurationType(1, 3600, false), 600.0, "Timeout",
      "command timeout (1s to 1h): how long one batch, or one set of new instances, may take to be deployed "
          + "and pass the health gate; Elastic Beanstalk silently adds 240s, so the default 600s gives 14 minutes");

  public static final ParamSpec IGNORE_HEALTH_CHECK = ParamSpec.optional("ignoreHealthCheck",
      new ParamType.BooleanType(), false, "IgnoreHealthCheck",
      "when instances are still not healthy at the command timeout, carry on (next batch, or finish) "
          + "instead of failing the deployment");

  public static final ParamSpec ENHANCED_HEALTH = ParamSpec.optional("enhancedHealth",
      new ParamType.BooleanType(), true, "SystemType",
      "true: enhanced health reporting (SystemType enhanced), an instance is healthy after 12 OK reports "
          + "in a row from its health agent, 10s apart, and one bad report restarts the count; "
          + "false: basic health, healthy as soon as the load balancer's check passes");

  public static final ParamSpec HEALTH_CHECK_SUCCESS_THRESHOLD = ParamSpec.optional("healthCheckSuccessThreshold",
      new ParamType.EnumType(List.of("Ok", "Warning", "Degraded", "Severe")), "Ok", "HealthCheckSuccessThreshold",
      "worst enhanced-health status that still counts as healthy during the deployment; AWS publishes no "
          + "numbers behind the statuses, we assume Warning from 1%, Degraded from 10% and Severe from 25% of "
          + "an instance's requests failing, Severe when its health check fails");

  public static final ParamSpec BATCH_SIZE = ParamSpec.optional("batchSize",
      new ParamType.CountOrPercentType(1, 1, 100), CountOrPercent.percent(100), "BatchSize + BatchSizeType",
      "instances per batch: a count like 2 (BatchSizeType Fixed) or a share of the group like \"30%\" "
          + "(Percentage; AWS does not say how it rounds, we round up, at least 1 instance). AWS defaults to "
          + "100%: a rolling deployment that leaves the batch size unset deploys every instance in one batch");

  /**
   * What an instance the group launches while an in-place deployment runs (a scaling policy, a
   * scheduled action, a replacement) installs. AWS documents that instances launched after a failed
   * deployment get the last successful version, and nothing about launches during one.
   */
  public static final ParamSpec LAUNCHED_DURING_DEPLOYMENT = ParamSpec.optional("launchedDuringDeployment",
      new ParamType.EnumType(List.of("last-successful", "new-version")), "last-successful", null,
      "version of instances the group launches while the deployment runs (scale-outs, replacements). AWS documents "
          + "only that instances launched after a failed deployment get the last successful version "
          + "(https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html); what "
          + "happens during a deployment is not documented, so it is a parameter: last-successful (default) boots "
          + "them with the old version and the deployment, which only updates the instances it started with, leaves "
          + "them on it (the run lists them); new-version boots them with the version being deployed");

  /** Whether instances launched during the deployment boot with the version being deployed. */
  public static boolean launchesNewVersion(StrategyParams p) {
    return "new-version".equals(p.string("launchedDuringDeployment"));
  }

  /** The shared settings of one run, read from the parameters. */
  public record Settings(double commandTimeout, boolean ignoreHealthCheck, EnhancedHealth.Rules health) {

    /** Command timeout plus Elastic Beanstalk's own 240 s. */
    public double effectiveTimeout() {
      return commandTimeout + TIMEOUT_MARGIN;
    }

    public String describeTimeout() {
      return Durations.format(effectiveTimeout()) + " (" + Durations.format(commandTimeout) + " + "
          + Durations.format(TIMEOUT_MARGIN) + ")";
    }

    /** The settings of a policy with IgnoreHealthCheck (all at once, rolling, immutable). */
    public static Settings of(StrategyParams p) {
      return new Settings(p.duration("timeout"), p.bool("ignoreHealthCheck"), rules(p));
    }

    /** The settings of a policy without IgnoreHealthCheck (traffic splitting, blue/green). */
    public static Settings withoutIgnoreHealthCheck(StrategyParams p) {
      return new Settings(p.duration("timeout"), false, rules(p));
    }

    private static EnhancedHealth.Rules rules(StrategyParams p) {
      return new EnhancedHealth.Rules(p.bool("enhancedHealth"),
          p.enumValue("healthCheckSuccessThreshold", HealthStatus.class));
    }
  }

  /**
   * Instances per batch for a group of {@code instances}: a count as given, a percentage rounded
   * up, at least 1 and at most the whole group.
   */
  public static int batchSize(CountOrPercent size, int instances) {
    int n = size.ceilOf(instances);
    return Math.max(1, Math.min(n, Math.max(1, instances)));
  }

  /** The batch size as the AWS settings would be written, e.g. "BatchSize 30, BatchSizeType Percentage". */
  public static String describeBatchSize(CountOrPercent size) {
    String v = size.toString().replace("%", "");
    return "BatchSize " + v + ", BatchSizeType " + (size.percent() ? "Percentage" : "Fixed");
  }
}
