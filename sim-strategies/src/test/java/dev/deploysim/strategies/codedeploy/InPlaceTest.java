package dev.deploysim.strategies.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InPlaceTest {
  static final CodeDeployInPlace TYPE = new CodeDeployInPlace();

  /**
   * One instance, no hook scripts: BlockTraffic drains for the deregistration delay (20 s; the
   * instance was serving), Install 30 s, ApplicationStart 10 s, AllowTraffic until the first ALB
   * check after registration passes (10 s in the fixture).
   */
  static final double PER_INSTANCE = 20 + 30 + 10 + 10;

  static void print(RunResult r) {
    r.timeline().forEach(e -> System.out.println(dev.deploysim.engine.Durations.clock(e.time()) + " " + e.source() + " " + e.message()));
    System.out.println(r.summary());
  }

  @Test
  void smoke() {
    Fixture f = new Fixture();
    RunResult r = f.run(TYPE, Map.of("config", "CodeDeployDefault.HalfAtATime"));
    print(r);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }
}
