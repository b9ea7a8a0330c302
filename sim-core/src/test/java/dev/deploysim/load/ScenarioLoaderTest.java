package dev.deploysim.load;

import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.OutputSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.CountOrPercent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(TestCatalog.catalog());

  static String resource(String name) {
    try (InputStream in = ScenarioLoaderTest.class.getResourceAsStream("/scenarios/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Scenario ok(String yaml) {
    LoadResult r = LOADER.parse(yaml, "test.yaml");
    assertThat(r.errors()).as(() -> r.errors().stream().map(ScenarioError::format).collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(r.ok()).isTrue();
    return r.scenario();
  }

  @Test
  void contractExampleLoads() {
    Scenario s = ok(resource("valid/full.yaml"));
    assertThat(s.name()).isEqualTo("eb-immutable");
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.horizonSeconds()).isEqualTo(7200.0);
    assertThat(s.fleet().instances()).isEqualTo(6);
    assertThat(s.fleet().maxSize()).isEqualTo(12);
    assertThat(s.fleet().zones()).containsExactly("a", "b", "c");
    assertThat(s.fleet().launchTime()).isEqualTo(new Distribution.LogNormal(40, 90));
    assertThat(s.fleet().lifecycleHooks()).hasSize(2);
    assertThat(s.fleet().lifecycleHooks().get(0).name()).isEqualTo("launching-hook-1");
    assertThat(s.fleet().lifecycleHooks().get(0).completesAfter()).isEqualTo(Distribution.constant(45));
    assertThat(s.fleet().lifecycleHooks().get(1).name()).isEqualTo("terminating-hook-1");
    assertThat(s.fleet().lifecycleHooks().get(1).completesAfter()).isNull();
    assertThat(s.fleet().warmPool().minSize()).isEqualTo(2);
    assertThat(s.versions().keySet()).containsExactly("v1", "v2", "v3", "v4");
    assertThat(s.version("v3").health()).isInstanceOf(VersionSpec.Failing.class);
    assertThat(s.version("v4").errorRate()).isEqualTo(0.3);
    assertThat(s.deployment().at()).isEqualTo(300.0);
    assertThat(s.deployment().strategy().type()).isEqualTo("fake.rolling");
    assertThat(s.deployment().strategy().params().countOrPercent("batchSize")).isEqualTo(CountOrPercent.count(2));
    assertThat(s.deployment().strategy().params().isExplicit("batchSize")).isTrue();
    assertThat(s.deployment().strategy().params().isExplicit("timeout")).isFalse();
    assertThat(s.deployment().strategy().params().duration("timeout")).isEqualTo(600.0);
    assertThat(s.deployment().rollback().onFailure()).isTrue();
    assertThat(s.deployment().rollback().onAlarms()).containsExactly("high-5xx");
    assertThat(s.alarms().get(0).datapointsToAlarm()).isEqualTo(2);
    assertThat(s.alarms().get(0).statistic()).isEqualTo(AlarmSpec.Statistic.AVERAGE);
    assertThat(s.faults()).containsExactly(
        new FaultSpec.ZoneOutage(720, "a", 600),
        new FaultSpec.InstanceFailure(480, 1, null, null),
        new FaultSpec.LaunchFailures(360, 0.3, 300));
  }

  @Test
  void minimalScenarioGetsDefaults() {
    Scenario s = ok(resource("valid/minimal.yaml"));
    assertThat(s.description()).isEmpty();
    assertThat(s.seed()).isEqualTo(1);
    assertThat(s.horizonSeconds()).isNull();
    assertThat(s.fleet().minSize()).isEqualTo(4);
    assertThat(s.fleet().maxSize()).isEqualTo(4);
    assertThat(s.fleet().zones()).containsExactly("a");
    // ALB defaults (AWS): interval 30 s, timeout 5 s, healthy 5, unhealthy 2, one check for a new
    // target; deregistration delay 300 s; slow start off
    LoadBalancerSpec lb = s.loadBalancer();
    assertThat(lb.type()).isEqualTo(LoadBalancerSpec.Type.ALB);
    assertThat(lb.healthCheck()).isEqualTo(new LoadBalancerSpec.HealthCheckSpec(30, 5, 5, 2, 1, null));
    assertThat(lb.deregistrationDelay()).isEqualTo(300.0);
    assertThat(lb.slowStart()).isEqualTo(0.0);
    assertThat(s.dns()).isEqualTo(new DnsSpec(60, 0.05, 900));
    assertThat(s.traffic()).isEqualTo(new TrafficSpec(new TrafficSpec.Constant(200), 5));
    assertThat(s.initialVersion()).isEqualTo("v1");
    assertThat(s.deployment().rollback()).isEqualTo(new DeploymentSpec.RollbackSpec(null, List.of()));
    assertThat(s.output()).isEqualTo(new OutputSpec(5));
  }
}
