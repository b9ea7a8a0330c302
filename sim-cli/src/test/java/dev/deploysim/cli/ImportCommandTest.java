package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.ScalingPolicySpec;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim import} on realistic files written in the style of the AWS and Kubernetes
 * documentation examples (src/test/resources/import). Each expected value is read off the input
 * file (the line is named), with the platform rule that turns it into the scenario's value where
 * there is one; each written scenario is loaded by the real loader and simulated.
 */
class ImportCommandTest {
  static final StrategyCatalog CATALOG = Strategies.catalog();
  static final Pattern FROM = Pattern.compile("# from ([^: ]+):(\\d+) (\\S+)");

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir).withParser(CliContext.loaderFor(CATALOG));
    for (String f : List.of("web-tier.yaml", "classic-replacing.json", "codedeploy-stack.yaml",
        "codedeploy/appspec.yml", "codedeploy/deployment-group.json", "codedeploy/deployment-config.json",
        "eb/myapp/.ebextensions/01-deployment.config", "eb/myapp/.ebextensions/02-capacity.config",
        "eb/myapp/.elasticbeanstalk/saved_configs/prod.cfg.yml", "k8s/shop.yaml", "argo/checkout-rollout.yaml",
        "argo/storefront-bluegreen.yaml", "argo/analysis-templates.yaml", "flagger/podinfo.yaml")) {
      copy(f);
    }
  }

  private void copy(String name) {
    try (InputStream in = getClass().getResourceAsStream("/import/" + name)) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Line {@code n} (1-based) of an input file. */
  private String line(String file, int n) {
    return read(file).lines().skip(n - 1).findFirst().orElseThrow();
  }

  /** Imports, checks the exit code and the comments, and loads the scenario with the real loader. */
  private Scenario imported(String... files) {
    Cli.Result r = cli.run(args("import", files));
    assertThat(r.exit()).as(r.err()).isZero();
    everyValueSaysWhereItComesFrom(r.out());
    LoadResult loaded = new ScenarioLoader(CATALOG).parse(r.out(), "imported.yaml");
    assertThat(loaded.errors()).isEmpty();
    return loaded.scenario();
  }

  private static String[] args(String command, String... rest) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /**
   * Every key with a value ends in "# from FILE:LINE KEY", "# default: ..." or "# assumed: ...";
   * every "from" names a line of that file that holds the key (or, for the list notation of
   * option settings, the value) it names.
   */
  private void everyValueSaysWhereItComesFrom(String yaml) {
    for (String l : yaml.lines().toList()) {
      if (l.isBlank() || l.startsWith("#") || l.trim().endsWith(":") || l.matches("\\s*(- )?[A-Za-z]+:\\s+#.*")) {
        continue;
      }
      assertThat(l).as("a value without its source").containsPattern("# (from |default: |assumed: )");
      Matcher m = FROM.matcher(l);
      if (m.find()) {
        String path = m.group(3);
        String last = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
        int n = Integer.parseInt(m.group(2));
        String source = line(m.group(1), n);
        String value = l.substring(l.indexOf(':') + 1, l.indexOf('#')).trim();
        // the list notation of option settings: option_name on the line above its value
        String above = n > 1 ? line(m.group(1), n - 1) : "";
        assertThat(source.contains(last) || source.contains(value) || above.contains("option_name: " + last))
            .as("%s names line %s: '%s'", l.trim(), m.group(2), source).isTrue();
      }
    }
  }

  private static StrategyParams strategy(Scenario s) {
    return s.deployment().strategy().params();
  }

  private static void runs(Scenario s) {
    RunResult r = ScenarioRunner.run(s, CATALOG);
    assertThat(r.summary().outcome()).as(r.summary().outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
  }

  // ---- CloudFormation -----------------------------------------------------------------------------

  @Test
  void cloudFormationYamlWithIntrinsics() {
    assertThat(line("web-tier.yaml", 16)).contains("Default: 6");
    assertThat(line("web-tier.yaml", 32)).contains("MaxBatch: 2");
    assertThat(line("web-tier.yaml", 33)).contains("MinInService: 4");
    Scenario s = imported("web-tier.yaml");
    assertThat(s.name()).isEqualTo("WebServerGroup");
    FleetSpec f = s.fleet();
    // DesiredCapacity and MinSize are !Ref GroupSize: Parameters.GroupSize.Default is 6 (line 16)
    assertThat(f.instances()).isEqualTo(6);
    assertThat(f.minSize()).isEqualTo(6);
    // MaxSize: !If [IsProduction, 12, 6]; IsProduction is !Equals [!Ref Environment, production] and
    // Environment's Default is production, so the condition holds and MaxSize is 12
    assertThat(f.maxSize()).isEqualTo(12);
    // VPCZoneIdentifier: !Ref Subnets, a CommaDelimitedList whose Default lists three subnets
    assertThat(f.zones()).containsExactly("subnet-0a1b", "subnet-0c2d", "subnet-0e3f");
    assertThat(f.healthCheckType()).isEqualTo(FleetSpec.HealthCheckType.ELB);
    assertThat(f.healthCheckGracePeriod()).isEqualTo(120.0);
    LifecycleHookSpec hook = f.lifecycleHooks().get(0);
    assertThat(hook.name()).isEqualTo("warm-cache");
    assertThat(hook.transition()).isEqualTo(LifecycleHookSpec.Transition.LAUNCHING);
    assertThat(hook.heartbeatTimeout()).isEqualTo(300.0);
    assertThat(hook.defaultResult()).isEqualTo(LifecycleHookSpec.HookResult.CONTINUE);
    LoadBalancerSpec lb = s.loadBalancer();
    assertThat(lb.type()).isEqualTo(LoadBalancerSpec.Type.ALB);
    assertThat(lb.healthCheck().interval()).isEqualTo(15.0);
    assertThat(lb.healthCheck().timeout()).isEqualTo(5.0);
    assertThat(lb.healthCheck().healthyThreshold()).isEqualTo(3);
    assertThat(lb.healthCheck().unhealthyThreshold()).isEqualTo(2);
    assertThat(lb.deregistrationDelay()).isEqualTo(60.0);
    assertThat(lb.slowStart()).isEqualTo(30.0);
    assertThat(s.deployment().strategy().type()).isEqualTo("cloudformation.rolling-update");
    StrategyParams p = strategy(s);
    // !FindInMap [EnvironmentSettings, !Ref Environment, MaxBatch] with Environment = production
    assertThat(p.integer("maxBatchSize")).isEqualTo(2);
    assertThat(p.integer("minInstancesInService")).isEqualTo(4);
    assertThat(p.duration("pauseTime")).isEqualTo(600.0);
    assertThat(p.bool("waitOnResourceSignals")).isTrue();
    assertThat(p.list("suspendProcesses")).containsExactly("HealthCheck", "ReplaceUnhealthy", "AZRebalance",
        "AlarmNotification", "ScheduledActions");
    runs(s);
  }

  @Test
  void theCommentNamesTheLineAndKeyOfEachValue() {
    Cli.Result r = cli.run("import", "web-tier.yaml");
    assertThat(r.out()).containsPattern("maxBatchSize: 2 +# from web-tier.yaml:32 "
        + "Mappings.EnvironmentSettings.production.MaxBatch via WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate"
        + ".MaxBatchSize\n");
    assertThat(r.out()).containsPattern("pauseTime: PT10M +# from web-tier.yaml:103 "
        + "WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate.PauseTime\n");
    assertThat(r.out()).containsPattern("capacity: 100 +# assumed: ");
    assertThat(r.out()).containsPattern("rps: 360 +# assumed: 60% of what 6 instances serve");
    assertThat(r.err()).contains("ignored web-tier.yaml: 5 resources that do not matter to a deployment: "
        + "AWS::AutoScaling::ScalingPolicy, AWS::EC2::LaunchTemplate, AWS::EC2::SecurityGroup, "
        + "AWS::ElasticLoadBalancingV2::Listener, AWS::ElasticLoadBalancingV2::LoadBalancer");
  }

  @Test
  void parametersFromTheCommandLineReplaceDefaults() {
    Scenario s = imported("web-tier.yaml", "-p", "Environment=staging");
    // staging: Mappings.EnvironmentSettings.staging MaxBatch 3, MinInService 1; IsProduction false: MaxSize 6
    assertThat(strategy(s).integer("maxBatchSize")).isEqualTo(3);
    assertThat(strategy(s).integer("minInstancesInService")).isEqualTo(1);
    assertThat(s.fleet().maxSize()).isEqualTo(6);
  }

  @Test
  void cloudFormationJsonReplacingUpdateWithClassicLoadBalancer() {
    Cli.Result r = cli.run("import", "classic-replacing.json");
    assertThat(r.exit()).as(r.err()).isZero();
    Scenario s = imported("classic-replacing.json");
    // no DesiredCapacity: CloudFormation creates the group at MinSize, !Ref ApiInstances = "4"
    assertThat(s.fleet().instances()).isEqualTo(4);
    assertThat(s.fleet().maxSize()).isEqualTo(8);
    // Fn::GetAZs cannot be worked out before deployment: two zones are assumed, and the output says so
    assertThat(s.fleet().zones()).containsExactly("a", "b");
    assertThat(r.out()).containsPattern("zones: \\[a, b] +# assumed: two zones; classic-replacing.json:44 "
        + "ApiGroup.Properties.AvailabilityZones could not be worked out");
    assertThat(r.err()).contains("note: classic-replacing.json:44:30 ApiGroup.Properties.AvailabilityZones: GetAZs");
    assertThat(s.loadBalancer().type()).isEqualTo(LoadBalancerSpec.Type.CLB);
    assertThat(s.loadBalancer().healthCheck().interval()).isEqualTo(10.0);
    assertThat(s.loadBalancer().healthCheck().healthyThreshold()).isEqualTo(3);
    assertThat(s.loadBalancer().healthCheck().unhealthyThreshold()).isEqualTo(5);
    assertThat(s.loadBalancer().deregistrationDelay()).isEqualTo(45.0);
    // WillReplace true: the replacing update applies, with the CreationPolicy's signals
    assertThat(s.deployment().strategy().type()).isEqualTo("cloudformation.replacing-update");
    assertThat(strategy(s).integer("count")).isEqualTo(4);
    assertThat(strategy(s).duration("timeout")).isEqualTo(1200.0);
    assertThat(strategy(s).integer("minSuccessfulInstancesPercent")).isEqualTo(75);
    // the hook is a separate AWS::AutoScaling::LifecycleHook resource naming the group
    assertThat(s.fleet().lifecycleHooks()).singleElement()
        .satisfies(h -> assertThat(h.transition()).isEqualTo(LifecycleHookSpec.Transition.TERMINATING))
        .satisfies(h -> assertThat(h.heartbeatTimeout()).isEqualTo(600.0));
    assertThat(r.err()).contains("not simulated: TerminationPolicies");
    runs(s);
  }

  @Test
  void cloudFormationWithCodeDeployGroupAndAppSpec() {
    Scenario s = imported("codedeploy-stack.yaml", "codedeploy/appspec.yml");
    assertThat(s.fleet().instances()).isEqualTo(8);
    assertThat(s.fleet().zones()).containsExactly("eu-west-1a", "eu-west-1b");
    // DefaultInstanceWarmup: 120 (seconds) becomes the fleet's default instance warmup
    assertThat(s.fleet().defaultInstanceWarmup()).isEqualTo(120.0);
    // the deployment group deploys to OrdersGroup: CodeDeploy in place, not a CloudFormation update
    assertThat(s.deployment().strategy().type()).isEqualTo("codedeploy.in-place");
    StrategyParams p = strategy(s);
    // DeploymentConfigName: !Ref QuarterAtATime, a DeploymentConfig with FLEET_PERCENT 75
    assertThat(p.object("minimumHealthyHosts").string("type")).isEqualTo("FLEET_PERCENT");
    assertThat(p.object("minimumHealthyHosts").integer("value")).isEqualTo(75);
    assertThat(p.bool("trafficControl")).isTrue();
    assertThat(p.string("outdatedInstances")).isEqualTo("UPDATE");
    // appspec.yml: ValidateService runs two scripts with timeouts 180 and 240; the event may take both
    Map<String, Object> hooks = p.map("hooks");
    assertThat(((StrategyParams) hooks.get("ValidateService")).duration("timeout")).isEqualTo(180.0 + 240.0);
    assertThat(((StrategyParams) hooks.get("BeforeInstall")).duration("timeout")).isEqualTo(300.0);
    assertThat(s.deployment().rollback().onFailure()).isTrue();
    // the 5xx alarm is !Ref Orders5xxAlarm: its AlarmName is !Sub '${ServiceName}-target-5xx'
    assertThat(s.deployment().rollback().onAlarms()).containsExactly("orders-target-5xx", "orders-latency");
    AlarmSpec a = s.alarms().get(0);
    assertThat(a.metric()).isEqualTo(AlarmSpec.Metric.FAILED_REQUESTS);
    assertThat(a.threshold()).isEqualTo(25.0);
    assertThat(a.evaluationPeriods()).isEqualTo(3);
    assertThat(a.datapointsToAlarm()).isEqualTo(2);
    // TargetResponseTime is not simulated: an error-rate alarm stands in, marked as assumed
    assertThat(s.alarms().get(1).metric()).isEqualTo(AlarmSpec.Metric.ERROR_RATE);
    runs(s);
  }

  @Test
  void codeDeployGroupJsonWithItsConfigurationAndAppSpec() {
    Scenario s = imported("codedeploy/deployment-config.json", "codedeploy/deployment-group.json",
        "codedeploy/appspec.yml");
    assertThat(s.name()).isEqualTo("checkout-prod");
    assertThat(s.deployment().strategy().type()).isEqualTo("codedeploy.blue-green");
    StrategyParams p = strategy(s);
    assertThat(p.object("minimumHealthyHosts").integer("value")).isEqualTo(66);
    assertThat(p.duration("rerouteAfter")).isEqualTo(0.0);
    assertThat(p.duration("terminateOriginalAfter")).isEqualTo(30 * 60.0);
    assertThat(p.bool("keepOriginal")).isFalse();
    assertThat(s.deployment().rollback().onAlarms()).containsExactly("checkout-5xx-high");
    assertThat(s.loadBalancer().type()).isEqualTo(LoadBalancerSpec.Type.ALB);
    Cli.Result r = cli.run("import", "codedeploy/deployment-group.json");
    assertThat(r.out()).containsPattern("instances: 4 +# assumed: the deployment group deploys to Auto Scaling group "
        + "checkout-web-asg");
    runs(s);
  }

  // ---- Elastic Beanstalk and Kubernetes -----------------------------------------------------------

  @Test
  void beanstalkExtensionsMergeAlphabeticallyUnderTheSavedConfiguration() {
    Scenario s = imported("eb/myapp/.ebextensions", "eb/myapp/.elasticbeanstalk/saved_configs/prod.cfg.yml");
    assertThat(s.name()).isEqualTo("prod");
    assertThat(s.deployment().strategy().type()).isEqualTo("eb.rolling");
    // BatchSizeType Fixed (01-deployment.config); BatchSize 2 there, '3' in the saved configuration,
    // which takes precedence over .ebextensions
    assertThat(strategy(s).countOrPercent("batchSize")).isEqualTo(CountOrPercent.count(3));
    assertThat(strategy(s).duration("timeout")).isEqualTo(900.0);
    // MinSize 4 in 01-deployment.config, 6 in 02-capacity.config: processed later, so it wins
    assertThat(s.fleet().minSize()).isEqualTo(6);
    assertThat(s.fleet().instances()).isEqualTo(6);
    assertThat(s.fleet().maxSize()).isEqualTo(12);
    assertThat(s.fleet().zones()).hasSize(3);
    assertThat(s.loadBalancer().healthCheck().interval()).isEqualTo(10.0);
    assertThat(s.loadBalancer().deregistrationDelay()).isEqualTo(30.0);
    // the preset's other values: Elastic Beanstalk's healthy threshold 3, unhealthy 5
    assertThat(s.loadBalancer().healthCheck().healthyThreshold()).isEqualTo(3);
    assertThat(s.loadBalancer().healthCheck().unhealthyThreshold()).isEqualTo(5);
    runs(s);
  }

  @Test
  void kubernetesDeploymentFromAManifestStream() {
    Cli.Result r = cli.run("import", "k8s/shop.yaml");
    Scenario s = imported("k8s/shop.yaml");
    assertThat(s.name()).isEqualTo("storefront");
    assertThat(s.fleet().instances()).isEqualTo(8);
    assertThat(s.deployment().strategy().type()).isEqualTo("k8s.rolling-update");
    StrategyParams p = strategy(s);
    assertThat(p.countOrPercent("maxSurge")).isEqualTo(CountOrPercent.count(2));
    assertThat(p.countOrPercent("maxUnavailable")).isEqualTo(CountOrPercent.percent(10));
    assertThat(p.integer("minReadySeconds")).isEqualTo(10);
    assertThat(p.integer("progressDeadlineSeconds")).isEqualTo(300);
    assertThat(p.integer("terminationGracePeriodSeconds")).isEqualTo(45);
    assertThat(p.object("readinessProbe").integer("periodSeconds")).isEqualTo(5);
    assertThat(p.object("readinessProbe").integer("failureThreshold")).isEqualTo(2);
    assertThat(p.object("readinessProbe").integer("initialDelaySeconds")).isEqualTo(5);
    // the web container's liveness probe (periodSeconds 20) and its preStop hook (sh -c "sleep 10")
    assertThat(p.object("livenessProbe").integer("periodSeconds")).isEqualTo(20);
    assertThat(p.object("livenessProbe").integer("failureThreshold")).isEqualTo(3);
    assertThat(p.distribution("preStop")).isEqualTo(Distribution.constant(10));
    // the autoscaler (autoscaling/v2, cpu Utilization 60, 8 to 24 replicas) is the fleet's scaling
    assertThat(s.fleet().scaling()).singleElement().isInstanceOfSatisfying(
        ScalingPolicySpec.HorizontalPodAutoscaler.class, h -> {
          assertThat(h.targetCpu()).isEqualTo(60.0);
          assertThat(h.minReplicas()).isEqualTo(8);
          assertThat(h.maxReplicas()).isEqualTo(24);
          // what the manifest does not set keeps Kubernetes' defaults
          assertThat(h.scaleDownWindow()).isEqualTo(300.0);
          assertThat(h.tolerance()).isEqualTo(0.1);
        });
    assertThat(r.err()).contains("HorizontalPodAutoscaler storefront", "from 8 to 24 replicas at 60% CPU")
        .doesNotContain("scaling is not simulated").doesNotContain("read but not simulated")
        .contains("ignored 2 Kubernetes objects that do not matter to a deployment: ConfigMap, Service");
    runs(s);
  }

  @Test
  void anAutoscalerWithoutACpuTargetIsNotedNotSimulated() {
    String shop = read("k8s/shop.yaml");
    write("m.yaml", shop.replace("        name: cpu", "        name: memory"));
    Cli.Result r = cli.run("import", "m.yaml");
    Scenario s = imported("m.yaml");
    assertThat(s.fleet().scaling()).isEmpty();
    assertThat(r.err()).contains("scaling is not simulated (only a CPU utilisation target with maxReplicas is)");
    // autoscaling/v1's targetCPUUtilizationPercentage and a behavior's stabilisation window
    write("v1.yaml", shop.replace("autoscaling/v2", "autoscaling/v1")
        .replace("  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n"
            + "          type: Utilization\n          averageUtilization: 60", "  targetCPUUtilizationPercentage: 70\n"
            + "  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 60"));
    cli.run("import", "v1.yaml");
    var h = (ScalingPolicySpec.HorizontalPodAutoscaler) imported("v1.yaml").fleet().scaling().get(0);
    assertThat(h.targetCpu()).isEqualTo(70.0);
    assertThat(h.scaleDownWindow()).isEqualTo(60.0);
  }

  // ---- Argo Rollouts and Flagger ------------------------------------------------------------------

  private static StrategyParams step(StrategyParams p, int i) {
    return p.listOf("steps", StrategyParams.class).get(i);
  }

  private static StrategyParams metric(StrategyParams analysis, int i) {
    return analysis.listOf("metrics", StrategyParams.class).get(i);
  }

  @Test
  void argoCanaryRolloutWithTheAnalysisTemplatesItNames() {
    Cli.Result r = cli.run("import", "argo/checkout-rollout.yaml", "argo/analysis-templates.yaml");
    Scenario s = imported("argo/checkout-rollout.yaml", "argo/analysis-templates.yaml");
    assertThat(line("argo/checkout-rollout.yaml", 44)).contains("name: checkout");
    assertThat(s.name()).isEqualTo("checkout");
    assertThat(line("argo/checkout-rollout.yaml", 46)).contains("replicas: 10");
    assertThat(s.fleet().instances()).isEqualTo(10);
    // spec.strategy.canary (line 72) with trafficRouting.alb (line 77): argo.canary behind the ALB
    assertThat(s.deployment().strategy().type()).isEqualTo("argo.canary");
    StrategyParams p = strategy(s);
    assertThat(p.string("trafficRouting")).isEqualTo("alb");
    assertThat(p.integer("scaleDownDelaySeconds")).isEqualTo(60);
    assertThat(p.integer("progressDeadlineSeconds")).isEqualTo(900);
    assertThat(p.bool("progressDeadlineAbort")).isTrue();
    assertThat(p.integer("minReadySeconds")).isEqualTo(15);
    assertThat(p.integer("terminationGracePeriodSeconds")).isEqualTo(40);
    assertThat(p.object("readinessProbe").integer("periodSeconds")).isEqualTo(5);
    assertThat(p.object("readinessProbe").integer("failureThreshold")).isEqualTo(2);
    // steps, lines 89-101: "pause: {duration: 90}" is 90 s (a bare number means seconds)
    assertThat(p.list("steps")).hasSize(8);
    assertThat(step(p, 0).integer("setWeight")).isEqualTo(10);
    assertThat(step(p, 1).object("pause").duration("duration")).isEqualTo(120.0);
    assertThat(step(p, 2).integer("setWeight")).isEqualTo(25);
    assertThat(step(p, 4).integer("setWeight")).isEqualTo(50);
    assertThat(step(p, 5).object("pause").duration("duration")).isEqualTo(300.0);
    assertThat(step(p, 6).integer("setWeight")).isEqualTo(80);
    assertThat(step(p, 7).object("pause").duration("duration")).isEqualTo(90.0);
    // step 3 runs template success-rate (analysis-templates.yaml lines 11-16): "result[0] >= 0.95"
    // on a success-ratio query becomes successRate >= 0.95
    StrategyParams inline = metric(step(p, 3).object("analysis"), 0);
    assertThat(inline.string("name")).isEqualTo("success-rate");
    assertThat(inline.duration("interval")).isEqualTo(120.0);
    assertThat(inline.integer("count")).isEqualTo(3);
    assertThat(inline.integer("failureLimit")).isEqualTo(1);
    assertThat(inline.string("successCondition")).isEqualTo("successRate >= 0.95");
    // the background analysis runs http-errors (lines 36-41) from step 2 (line 84)
    StrategyParams background = p.object("analysis");
    assertThat(background.integer("startingStep")).isEqualTo(2);
    StrategyParams errors = metric(background, 0);
    assertThat(errors.string("name")).isEqualTo("error-ratio");
    assertThat(errors.duration("interval")).isEqualTo(60.0);
    assertThat(errors.duration("initialDelay")).isEqualTo(30.0);
    assertThat(errors.string("failureCondition")).isEqualTo("errorRate > 0.02");
    assertThat(errors.integer("failureLimit")).isEqualTo(2);
    assertThat(errors.integer("consecutiveErrorLimit")).isEqualTo(3);
    // pods, not EC2 instances: a pod start time, no instance launch time, no latency (no check needs it)
    assertThat(r.out()).contains("podStartTime: {uniform: [3s, 8s]}  # assumed:").doesNotContain("launchTime")
        .doesNotContain("responseTime");
    // latency-p99 is named by no analysis of this Rollout: ignored with the Ingress and the Services
    assertThat(r.err()).contains("ignored 4 Kubernetes objects that do not matter to a deployment: AnalysisTemplate, "
        + "Ingress, Service x2");
    RunResult run = ScenarioRunner.run(s, CATALOG);
    assertThat(run.summary().outcome()).as(run.summary().outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    // at least the pauses and the inline analysis: 2m + 5m + 90 s, and 3 measurements 2m apart
    // (at 0, 2m and 4m: Argo takes the first at once) = 120 + 300 + 90 + 240 = 750 s
    assertThat(run.summary().deployment().durationSeconds()).isGreaterThanOrEqualTo(750);
  }

  @Test
  void argoBlueGreenRolloutWithPreAndPostPromotionAnalysis() {
    Cli.Result r = cli.run("import", "argo/storefront-bluegreen.yaml", "argo/analysis-templates.yaml");
    Scenario s = imported("argo/storefront-bluegreen.yaml", "argo/analysis-templates.yaml");
    assertThat(s.deployment().strategy().type()).isEqualTo("argo.blue-green");
    assertThat(line("argo/storefront-bluegreen.yaml", 6)).contains("replicas: 6");
    assertThat(s.fleet().instances()).isEqualTo(6);
    StrategyParams p = strategy(s);
    assertThat(line("argo/storefront-bluegreen.yaml", 30)).contains("previewReplicaCount: 2");
    assertThat(p.integer("previewReplicaCount")).isEqualTo(2);
    assertThat(p.integer("autoPromotionSeconds")).isEqualTo(120);
    assertThat(p.integer("scaleDownDelaySeconds")).isEqualTo(300);
    assertThat(p.object("readinessProbe").integer("periodSeconds")).isEqualTo(10);
    assertThat(p.object("readinessProbe").integer("initialDelaySeconds")).isEqualTo(5);
    assertThat(metric(p.object("prePromotionAnalysis"), 0).string("successCondition")).isEqualTo("successRate >= 0.95");
    assertThat(metric(p.object("postPromotionAnalysis"), 0).string("failureCondition")).isEqualTo("errorRate > 0.02");
    // the preview Service gets no production requests: the pre-promotion analysis needs test traffic
    assertThat(p.number("previewRps")).isEqualTo(10.0);
    assertThat(r.out()).contains("previewRps: 10").contains("# assumed: requests per second your tests send to the "
        + "preview Service storefront-preview");
    RunResult run = ScenarioRunner.run(s, CATALOG);
    assertThat(run.summary().outcome()).as(run.summary().outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    // pre-promotion analysis 4m (measurements at 0, 2m, 4m), then autoPromotionSeconds 120: the
    // switch comes at least 360 s after the start
    assertThat(run.summary().deployment().durationSeconds()).isGreaterThanOrEqualTo(360);
    assertThat(run.timeline().stream().map(e -> e.message())
        .filter(m -> m.contains("prePromotionAnalysis: success-rate measurement"))).hasSize(3)
        .noneMatch(m -> m.contains("no request reached"));
  }

  @Test
  void flaggerCanaryWithItsDeploymentAndLoadTest() {
    Cli.Result r = cli.run("import", "flagger/podinfo.yaml");
    Scenario s = imported("flagger/podinfo.yaml");
    assertThat(s.name()).isEqualTo("podinfo");
    assertThat(s.deployment().strategy().type()).isEqualTo("flagger.canary");
    // the Deployment has no replicas; its autoscaler keeps at least minReplicas (line 59)
    assertThat(line("flagger/podinfo.yaml", 59)).contains("minReplicas: 4");
    assertThat(s.fleet().instances()).isEqualTo(4);
    StrategyParams p = strategy(s);
    // the Canary's progressDeadlineSeconds (line 83: 120), not the Deployment's (line 10: 60)
    assertThat(line("flagger/podinfo.yaml", 83)).contains("progressDeadlineSeconds: 120");
    assertThat(p.integer("progressDeadlineSeconds")).isEqualTo(120);
    assertThat(p.integer("minReadySeconds")).isEqualTo(5);
    StrategyParams a = p.object("analysis");
    assertThat(a.duration("interval")).isEqualTo(30.0);
    assertThat(a.integer("threshold")).isEqualTo(5);
    assertThat(a.integer("maxWeight")).isEqualTo(50);
    assertThat(a.integer("stepWeight")).isEqualTo(10);
    assertThat(metric(a, 0).string("name")).isEqualTo("request-success-rate");
    assertThat(metric(a, 0).object("thresholdRange").number("min")).isEqualTo(99.0);
    assertThat(metric(a, 1).string("name")).isEqualTo("request-duration");
    assertThat(metric(a, 1).object("thresholdRange").number("max")).isEqualTo(500.0);
    // request-duration is a latency: the versions get an assumed response time
    assertThat(s.versions().get("v1").responseTime()).isNotNull();
    assertThat(r.out()).contains("responseTime: 100ms").contains("needed because metric request-duration");
    // the load-test webhook (line 113) runs "hey -z 1m -q 10 -c 2": 10 requests/s from each of 2 workers
    assertThat(line("flagger/podinfo.yaml", 113)).contains("hey -z 1m -q 10 -c 2");
    assertThat(p.number("loadTestRps")).isEqualTo(20.0);
    assertThat(r.err()).contains("not simulated: the Canary's webhook acceptance-test")
        .contains("HorizontalPodAutoscaler podinfo").doesNotContain("scaling is not simulated");
    // the autoscaler of the target Deployment, named by the Canary's autoscalerRef (line 79): Flagger
    // scales the primary with it, so it is the fleet's (cpu Utilization 99, 4 to 8 replicas)
    assertThat(line("flagger/podinfo.yaml", 79)).contains("autoscalerRef:");
    assertThat(s.fleet().scaling()).singleElement().isInstanceOfSatisfying(
        ScalingPolicySpec.HorizontalPodAutoscaler.class, h -> {
          assertThat(h.targetCpu()).isEqualTo(99.0);
          assertThat(h.minReplicas()).isEqualTo(4);
          assertThat(h.maxReplicas()).isEqualTo(8);
        });
    RunResult run = ScenarioRunner.run(s, CATALOG);
    assertThat(run.summary().outcome()).as(run.summary().outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    // stepWeight 10 to maxWeight 50: weights 10, 20, 30, 40, 50, one interval (30 s) each, then the
    // promotion: at least 5 x 30 = 150 s
    assertThat(run.summary().deployment().durationSeconds()).isGreaterThanOrEqualTo(150);
  }

  @Test
  void anAnalysisOnLatencyGetsAResponseTimeAndSeconds() {
    // latency-p99 (analysis-templates.yaml): histogram_quantile over a _seconds_ histogram, "< 0.5"
    String rollout = read("argo/checkout-rollout.yaml").replace("templateName: http-errors",
        "templateName: latency-p99");
    String templates = read("argo/analysis-templates.yaml");
    String ms = templates.replace("result[0] < 0.5", "result[0] < 500")
        .replace("http_server_requests_seconds_bucket", "request_duration_milliseconds_bucket");
    for (String[] c : List.of(new String[] {templates, "latencyP99 < 0.5"}, new String[] {ms, "latencyP99 < 0.5"})) {
      write("r.yaml", rollout);
      write("t.yaml", c[0]);
      Cli.Result r = cli.run("import", "r.yaml", "t.yaml");
      Scenario s = imported("r.yaml", "t.yaml");
      assertThat(metric(strategy(s).object("analysis"), 0).string("successCondition")).isEqualTo(c[1]);
      assertThat(s.versions().get("v2").responseTime()).isNotNull();
      assertThat(r.out()).contains("needed because metric latency-p99");
    }
    assertThat(cli.run("import", "r.yaml", "t.yaml").out()).contains("500 ms is 0.5 s");
  }

  @Test
  void aSuccessRateInPercentBecomesAShare() {
    write("t.yaml", read("argo/analysis-templates.yaml").replace("result[0] >= 0.95", "result[0] >= 95"));
    Cli.Result r = cli.run("import", "argo/checkout-rollout.yaml", "t.yaml");
    Scenario s = imported("argo/checkout-rollout.yaml", "t.yaml");
    assertThat(metric(step(strategy(s), 3).object("analysis"), 0).string("successCondition"))
        .isEqualTo("successRate >= 0.95");
    assertThat(r.out()).contains("95 read as a percentage");
  }

  @Test
  void aKayentaProviderBecomesTheSimulatedJudge() {
    // Argo's Kayenta provider (argo-rollouts docs, analysis/kayenta.md): the score thresholds are in
    // the template, the metrics in Kayenta's canary configuration
    write("k.yaml", String.join("\n", "apiVersion: argoproj.io/v1alpha1", "kind: AnalysisTemplate", "metadata:",
        "  name: success-rate", "spec:", "  metrics:", "    - name: mann-whitney", "      interval: 5m",
        "      count: 2", "      successCondition: result.score >= 90", "      failureCondition: result.score < 50",
        "      provider:", "        kayenta:", "          address: https://kayenta.example.com",
        "          application: checkout", "          canaryConfigName: checkout-canary-config",
        "          threshold:", "            pass: 90", "            marginal: 75", "---",
        read("argo/analysis-templates.yaml").substring(read("argo/analysis-templates.yaml").indexOf("apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: http-errors"))));
    Cli.Result r = cli.run("import", "argo/checkout-rollout.yaml", "k.yaml");
    Scenario s = imported("argo/checkout-rollout.yaml", "k.yaml");
    StrategyParams judge = metric(step(strategy(s), 3).object("analysis"), 0);
    assertThat(judge.string("name")).isEqualTo("mann-whitney");
    assertThat(judge.has("successCondition")).isFalse();
    StrategyParams k = judge.object("kayenta");
    assertThat(k.object("threshold").number("pass")).isEqualTo(90.0);
    assertThat(k.object("threshold").number("marginal")).isEqualTo(75.0);
    assertThat(k.listOf("metrics", StrategyParams.class).get(0).string("metric")).isEqualTo("errorRate");
    assertThat(r.out()).contains("canary configuration checkout-canary-config lives in Kayenta");
    runs(s);
  }

  @Test
  void weightsOutOfMaxTrafficWeightBecomePercentages() {
    // trafficRouting.maxTrafficWeight 1000: setWeight 10 is 1%, 25 is 2.5% (written 3: the scenario's
    // weights are whole percentages), 50 is 5%, 80 is 8%
    write("r.yaml", read("argo/checkout-rollout.yaml").replace("      trafficRouting:\n",
        "      trafficRouting:\n        maxTrafficWeight: 1000\n"));
    Cli.Result r = cli.run("import", "r.yaml", "argo/analysis-templates.yaml");
    StrategyParams p = strategy(imported("r.yaml", "argo/analysis-templates.yaml"));
    assertThat(List.of(0, 2, 4, 6).stream().map(i -> step(p, i).integer("setWeight")).toList())
        .containsExactly(1, 3, 5, 8);
    assertThat(r.err()).contains("maxTrafficWeight 1000");
  }

  @Test
  void anAutoscalerOfARolloutOrACanaryIsTheFleets() {
    // an HPA whose scaleTargetRef is the Rollout (Argo's /scale subresource) with a CPU target
    String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: checkout\nspec:\n"
        + "  scaleTargetRef:\n    apiVersion: argoproj.io/v1alpha1\n    kind: Rollout\n    name: checkout\n"
        + "  minReplicas: 10\n  maxReplicas: 30\n  metrics:\n    - type: Resource\n      resource:\n"
        + "        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 70\n";
    write("a.yaml", read("argo/checkout-rollout.yaml") + "\n---\n" + hpa);
    Cli.Result r = cli.run("import", "a.yaml", "argo/analysis-templates.yaml");
    Scenario s = imported("a.yaml", "argo/analysis-templates.yaml");
    assertThat(s.fleet().scaling()).singleElement().isInstanceOfSatisfying(
        ScalingPolicySpec.HorizontalPodAutoscaler.class, h -> {
          assertThat(h.targetCpu()).isEqualTo(70.0);
          assertThat(h.maxReplicas()).isEqualTo(30);
        });
    assertThat(r.err()).contains("HorizontalPodAutoscaler checkout", "from 10 to 30 replicas at 70% CPU")
        .doesNotContain("scaling is not simulated");
    runs(s);
    // a Canary without autoscalerRef: Flagger gives the primary no autoscaler, so it is noted only
    write("c.yaml", read("flagger/podinfo.yaml").replace("  autoscalerRef:\n    apiVersion: autoscaling/v2\n"
        + "    kind: HorizontalPodAutoscaler\n    name: podinfo\n", ""));
    Cli.Result c = cli.run("import", "c.yaml");
    assertThat(imported("c.yaml").fleet().scaling()).isEmpty();
    assertThat(c.err()).contains("scaling is not simulated (the Canary's autoscalerRef does not name it");
  }

  @Test
  void aRolloutThatReferencesADeploymentTakesItsPods() {
    // workloadRef (Argo Rollouts' specification): the pods come from the Deployment, replicas from the
    // Rollout; an autoscaler of the Rollout is noted
    String rollout = read("argo/checkout-rollout.yaml");
    String pods = rollout.substring(rollout.indexOf("  template:\n"), rollout.indexOf("  strategy:\n"));
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-pods\nspec:\n"
        + "  replicas: 0\n  selector:\n    matchLabels:\n      app: checkout\n" + pods;
    String referencing = rollout.replace(pods, "  workloadRef:\n    apiVersion: apps/v1\n    kind: Deployment\n"
        + "    name: checkout-pods\n").replace("replicas: 10", "replicas: 6");
    String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: checkout\nspec:\n"
        + "  scaleTargetRef:\n    apiVersion: argoproj.io/v1alpha1\n    kind: Rollout\n    name: checkout\n"
        + "  minReplicas: 6\n  maxReplicas: 20\n";
    write("w.yaml", deployment + "---\n" + referencing + "\n---\n" + hpa);
    Cli.Result r = cli.run("import", "w.yaml", "argo/analysis-templates.yaml");
    Scenario s = imported("w.yaml", "argo/analysis-templates.yaml");
    assertThat(s.deployment().strategy().type()).isEqualTo("argo.canary");
    assertThat(s.fleet().instances()).isEqualTo(6);
    assertThat(strategy(s).integer("terminationGracePeriodSeconds")).isEqualTo(40);
    assertThat(strategy(s).object("readinessProbe").integer("periodSeconds")).isEqualTo(5);
    assertThat(r.err()).contains("HorizontalPodAutoscaler checkout").contains("from 6 to 20 replicas")
        .doesNotContain("Deployment,").doesNotContain("2 workloads");
  }

  @Test
  void flaggerBlueGreenIterationsGetATestLoad() {
    // iterations: Flagger's blue/green, no production request reaches the canary; a webhook that is
    // not a hey load test gives no rate, so one is assumed
    String canary = read("flagger/podinfo.yaml").replace("    maxWeight: 50\n    stepWeight: 10\n",
        "    iterations: 10\n").replace("hey -z 1m -q 10 -c 2", "ab -n 1000");
    write("b.yaml", canary);
    Cli.Result r = cli.run("import", "b.yaml");
    StrategyParams p = strategy(imported("b.yaml"));
    assertThat(p.object("analysis").integer("iterations")).isEqualTo(10);
    assertThat(p.number("loadTestRps")).isEqualTo(10.0);
    assertThat(r.out()).contains("loadTestRps: 10").contains("# assumed: requests per second a load test sends");
    assertThat(r.err()).contains("not simulated: the Canary's webhooks acceptance-test, load-test");
  }

  @Test
  void progressiveDeliveryProblemsAreLocated() {
    write("t.yaml", read("argo/analysis-templates.yaml"));
    // a template the rollout names but no file holds: at the templateName (line 94, column 31)
    Cli.Result missing = broken("r.yaml", read("argo/checkout-rollout.yaml").replace("templateName: success-rate",
        "templateName: success-ratio"));
    assertThat(missing.err()).contains("r.yaml:94:31: spec.strategy.canary.steps[3].analysis.templates[0].templateName: "
        + "AnalysisTemplate success-ratio is not among the manifests");
    Cli.Result weight = broken("w.yaml", read("argo/checkout-rollout.yaml").replace("setWeight: 25", "setWeight: 125")
        + "\n---\n" + read("argo/analysis-templates.yaml"));
    assertThat(weight.err()).contains("w.yaml:91:").contains("setWeight");
    Cli.Result neither = broken("n.yaml", read("argo/storefront-bluegreen.yaml").replace("blueGreen:", "rollingUpdate:"));
    assertThat(neither.err()).contains("n.yaml:26:3: spec.strategy: a Rollout's strategy has canary or blueGreen, "
        + "got rollingUpdate");
    // the Canary without the file of its Deployment: at targetRef (line 75 of podinfo.yaml, line 7
    // of the Canary alone)
    String podinfo = read("flagger/podinfo.yaml");
    String canaryOnly = podinfo.substring(podinfo.indexOf("apiVersion: flagger.app"));
    Cli.Result target = broken("c.yaml", canaryOnly);
    assertThat(target.err()).contains("c.yaml:7:3: spec.targetRef: targetRef names Deployment podinfo, which is not "
        + "among the manifests");
    // a Deployment that no Canary targets beside a Canary of the same name: both are workloads
    Cli.Result two = broken("d.yaml", podinfo.replace("    name: podinfo\n  autoscalerRef", "    name: podinfo-v2\n"
        + "  autoscalerRef"));
    assertThat(two.err()).contains("the manifests hold 2 workloads (Deployment/podinfo, Canary/podinfo)")
        .contains("choose one with --resource Deployment/podinfo");
  }

  // ---- broken input -------------------------------------------------------------------------------

  private Cli.Result broken(String name, String text) {
    write(name, text);
    Cli.Result r = cli.run("import", name);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).doesNotContain("Exception").contains("nothing written");
    return r;
  }

  private String webTier(String from, String to) {
    String t = read("web-tier.yaml");
    assertThat(t).contains(from);
    return t.replace(from, to);
  }

  @Test
  void anUnknownTagIsRefusedWhereItIs() {
    Cli.Result r = broken("t.yaml", webTier("Version: !GetAtt", "Version: !GetAttr"));
    assertThat(r.err()).contains("t.yaml:114:18: Resources.WebServerGroup.Properties.LaunchTemplate.Version: "
        + "unknown tag !GetAttr (did you mean '!GetAtt'?)");
    Cli.Result java = broken("j.yaml", "Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n"
        + "    Properties:\n      MinSize: !!java.lang.Runtime x\n      MaxSize: 3\n");
    assertThat(java.err()).contains("j.yaml:5:16: Resources.G.Properties.MinSize: unknown tag !!java.lang.Runtime");
  }

  @Test
  void aRefToNothingIsLocatedWithAGuess() {
    Cli.Result r = broken("t.yaml", webTier("MinSize: !Ref GroupSize", "MinSize: !Ref GroupSise"));
    assertThat(r.err()).contains("t.yaml:115:16: Resources.WebServerGroup.Properties.MinSize: Ref GroupSise refers "
        + "to nothing: no parameter or resource is named GroupSise (did you mean 'GroupSize'?)");
    Cli.Result sub = broken("s.yaml", webTier("'${AWS::StackName}-web'", "'${StackNam}-web'"));
    assertThat(sub.err()).contains("Sub variable ${StackNam} refers to nothing");
  }

  @Test
  void aTemplateWithoutAGroupSaysWhatItHas() {
    Cli.Result r = broken("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n"
        + "    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n");
    assertThat(r.err()).contains("t.yaml:2:1: Resources: no AWS::AutoScaling::AutoScalingGroup among the 2 resources "
        + "(AWS::S3::Bucket, AWS::SNS::Topic)");
  }

  @Test
  void anUpdatePolicyOfTheWrongTypeIsLocated() {
    Cli.Result r = broken("t.yaml", webTier("MaxBatchSize: !FindInMap [EnvironmentSettings, !Ref Environment, "
        + "MaxBatch]", "MaxBatchSize: two").replace("WaitOnResourceSignals: true", "WaitOnResourceSignals: maybe"));
    assertThat(r.err()).contains("t.yaml:101:23: WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate.MaxBatchSize: "
        + "expected a whole number from 1 to 100, got 'two'")
        .contains("t.yaml:104:32: WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate.WaitOnResourceSignals: "
            + "expected true or false, got 'maybe'");
    Cli.Result list = broken("l.yaml", webTier("      AutoScalingRollingUpdate:\n",
        "      AutoScalingRollingUpdate: [MaxBatchSize]\n      AutoScalingRollingUpdat:\n"));
    assertThat(list.err()).contains("l.yaml:100:7: WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate: "
        + "AutoScalingRollingUpdate must be a mapping")
        .contains("l.yaml:101:7: WebServerGroup.UpdatePolicy.AutoScalingRollingUpdat: UpdatePolicy has no key "
            + "AutoScalingRollingUpdat (did you mean 'AutoScalingRollingUpdate'?)");
  }

  @Test
  void aValueTheScenarioRefusesIsReportedAtItsSource() {
    // MinInstancesInService must stay below MaxSize (12): the mapping's value is where to fix it
    Cli.Result r = broken("t.yaml", webTier("MinInService: 4", "MinInService: 12"));
    assertThat(r.err()).contains("t.yaml:33:21: Mappings.EnvironmentSettings.production.MinInService (via "
        + "WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate.MinInstancesInService): ")
        .contains("(as deployment.strategy.minInstancesInService in the scenario)");
  }

  @Test
  void aGroupWithoutUpdatePolicyHasNothingToDeploy() {
    Cli.Result r = broken("t.yaml", webTier("    UpdatePolicy:\n", "    UpdatePolicyDisabled:\n"));
    assertThat(r.err()).contains("t.yaml:93:3: WebServerGroup: the group has no UpdatePolicy");
  }

  @Test
  void otherFormatsLocateTheirProblems() {
    Cli.Result k8s = broken("k.yaml", read("k8s/shop.yaml").replace("maxSurge: 2", "maxSurge: lots"));
    assertThat(k8s.err()).contains("k.yaml:25:17: spec.strategy.rollingUpdate.maxSurge: expected a whole number");
    Cli.Result eb = broken("x.config", "option_settings:\n  aws:elasticbeanstalk:command:\n"
        + "    DeploymentPolicy: Rolling\n    BatchSize: all\n");
    assertThat(eb.err()).contains("x.config:4:16: aws:elasticbeanstalk:command.BatchSize: expected a whole number");
    Cli.Result app = broken("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  BeforeInstal:\n"
        + "    - location: a.sh\n      timeout: 30\n");
    assertThat(app.err()).contains("appspec.yml:4:3: hooks.BeforeInstal: BeforeInstal is not a lifecycle event")
        .contains("did you mean 'BeforeInstall'?");
    Cli.Result unknown = broken("notes.yaml", "title: hello\n");
    assertThat(unknown.err()).contains("notes.yaml:1:1: cannot tell what this file is");
    Cli.Result yaml = broken("bad.yaml", "Resources:\n  G: [\n");
    assertThat(yaml.err()).contains("bad.yaml:3:1: invalid YAML");
  }

  @Test
  void severalGroupsNeedAChoice() {
    String two = read("web-tier.yaml") + "\n  SecondGroup:\n    Type: AWS::AutoScaling::AutoScalingGroup\n"
        + "    Properties: {MinSize: '1', MaxSize: '2'}\n";
    Cli.Result r = broken("t.yaml", two.replace("\nOutputs:\n  LoadBalancerDns:\n    Value: !GetAtt WebLoadBalancer.DNSName\n",
        "\n"));
    assertThat(r.err()).contains("the template has 2 Auto Scaling groups (WebServerGroup, SecondGroup)")
        .contains("choose one with --resource WebServerGroup");
  }

  // ---- output file ----------------------------------------------------------------------------------

  @Test
  void writesTheOutputFileButNeverReplacesOneSilently() throws IOException {
    Cli.Result first = cli.run("import", "k8s/shop.yaml", "-o", "scenario.yaml");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEmpty();
    assertThat(first.err()).contains("wrote scenario.yaml:");
    Files.writeString(dir.resolve("scenario.yaml"), "my edits\n");
    Cli.Result again = cli.run("import", "k8s/shop.yaml", "-o", "scenario.yaml");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("scenario.yaml exists; sim import does not replace a file unless you add --force");
    assertThat(read("scenario.yaml")).isEqualTo("my edits\n");
    Cli.Result forced = cli.run("import", "k8s/shop.yaml", "-o", "scenario.yaml", "--force");
    assertThat(forced.exit()).isZero();
    assertThat(read("scenario.yaml")).startsWith("# Imported by `sim import` from k8s/shop.yaml.");
    Cli.Result self = cli.run("import", "k8s/shop.yaml", "-o", "k8s/shop.yaml", "--force");
    assertThat(self.exit()).isEqualTo(2);
    assertThat(self.err()).contains("is one of the files to import");
    assertThat(cli.run("validate", "scenario.yaml").exit()).isZero();
  }
}
