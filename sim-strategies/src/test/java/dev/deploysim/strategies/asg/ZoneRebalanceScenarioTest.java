package dev.deploysim.strategies.asg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.strategies.Simulate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scenarios/asg-zone-rebalance.yaml against the AZRebalance rule
 * (docs/platforms/auto-scaling.md#zone-rebalancing-azrebalance): after zone a's outage the group is
 * 0/3/3; N = 6 over 3 zones allows ceil(6 / 3) = 2 per zone, so 2 instances move; MaxSize 6 + 10%
 * (0.6, rounded up to 1) leaves room for one at a time: two rounds, each launching in a first.
 */
class ZoneRebalanceScenarioTest {
  static final String FILE = "asg-zone-rebalance.yaml";

  static String yaml() {
    try {
      return Files.readString(RefreshScenarioFilesTest.DIR.resolve(FILE));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> rebalancing(RunResult r) {
    return r.timeline().stream().map(TimelineEvent::message).filter(m -> m.contains("AZRebalance: instances per zone"))
        .toList();
  }

  @Test
  void twoRoundsOfOneLaunchInTheEmptyZoneFirst() {
    RunResult r = Simulate.run(yaml());
    List<String> rounds = rebalancing(r);
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0)).contains("{a=0, b=3, c=3}; launching 1 in the under-filled zone(s) first (up to 7 "
        + "instances: MaxSize 6 + 10%)");
    // after the first round a holds 1, and one of b and c lost one
    assertThat(rounds.get(1)).containsAnyOf("{a=1, b=2, c=3}", "{a=1, b=3, c=2}");
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void suspendingAzRebalanceKeepsTheGroupUneven() {
    String yaml = yaml().replace("  zones: [a, b, c]\n", "  zones: [a, b, c]\n  suspendedProcesses: [AZRebalance]\n");
    assertThat(rebalancing(Simulate.run(yaml))).isEmpty();
  }
}
