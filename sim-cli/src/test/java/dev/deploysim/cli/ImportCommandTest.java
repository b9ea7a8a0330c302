package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
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
        "eb/myapp/.elasticbeanstalk/saved_configs/prod.cfg.yml", "k8s/shop.yaml")) {
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
    assertThat(r.err()).contains("HorizontalPodAutoscaler storefront", "from 8 to 24 replicas")
        .contains("ignored 2 Kubernetes objects that do not matter to a deployment: ConfigMap, Service");
    runs(s);
  }

  // ---- broken input -------------------------------------------------------------------------------

  private Cli.Result broken(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
