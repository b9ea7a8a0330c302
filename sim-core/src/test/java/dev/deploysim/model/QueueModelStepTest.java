package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Instances in the same state share one queue step (docs/latency.md#numerics): the step is a pure
 * function of the requests offered, the capacity, the queue, the version, the warm-up factor and
 * the step's length, so consecutive instances with the same bits of all of them take the results
 * of the first, and an instance that differs in any of them is computed on its own.
 *
 * <p>Numbers: S = 100 ms on an idle instance, C = 100 requests/s, so K = C S = 10 requests. One
 * implicit Euler step of dX/dt = lambda - C X / (K + X) over dt = 1 s from X = 0 with a = lambda dt
 * and c = C dt solves X'^2 + b X' - a K = 0 with b = K - a + c, X' = 2 a K / (b + sqrt(b^2 + 4 a K)).
 */
class QueueModelStepTest {
  private static final double DT = 1;

  private final Scenario scenario = ModelScenarios.scenario().withResponseTime(0.1).build();
  private final QueueModel queues = new QueueModel(scenario, new ArrayList<>(scenario.versions().keySet()));
  private final InstanceLoads loads = new InstanceLoads();

  private void offer(int id, double lambda) {
    loads.ensure(id);
    loads.lambda[id] = lambda;
    loads.cap[id] = 100;
    loads.version[id] = 0;
  }

  /** Instances 0 and 1 offered 50 requests/s each, stepped once from an empty queue. */
  private void twoInTheSameStateStepOnce() {
    offer(0, 50);
    offer(1, 50);
    queues.step(loads, 0, DT);
    queues.step(loads, 1, DT);
  }

  /** lambda = 50: a = 50, b = 10 - 50 + 100 = 60, X' = 1000 / (60 + sqrt(5600)) = 7.4166 requests. */
  private static final double X50 = 1000 / (60 + Math.sqrt(5600));
  /** lambda = 30: a = 30, b = 10 - 30 + 100 = 80, X' = 600 / (80 + sqrt(7600)) = 3.5425 requests. */
  private static final double X30 = 600 / (80 + Math.sqrt(7600));

  @Test
  void instancesInTheSameStateEndInTheSameStateAndADifferentOneInItsOwn() {
    offer(0, 50);
    offer(1, 30);
    offer(2, 50);
    LatencyMix window = queues.openWindow();
    // 0 and 2 share a state, 1 between them differs: 0's results must not leak to 1, nor 1's to 2
    for (int id = 0; id <= 2; id++) {
      queues.step(loads, id, DT);
    }
    assertThat(loads.queue[0]).isEqualTo(X50).isEqualTo(loads.queue[2]);
    assertThat(loads.queue[1]).isEqualTo(X30);
    // busy time: the completed requests (arrivals less what stays queued) over the capacity
    assertThat(loads.busy[0]).isEqualTo((50 - X50) / 100).isEqualTo(loads.busy[2]);
    assertThat(loads.busy[1]).isEqualTo((30 - X30) / 100);
    // every arrival is served (X is far below the timeout's cap K (60 / 0.1 - 1) = 5990), with the
    // slowdown 1 + X / K: 50 + 30 + 50 requests, p50 at 100 ms x (1 + X50 / 10)
    assertThat(window.requests()).isEqualTo(130);
    assertThat(window.percentile(0.5)).isEqualTo(0.1 * (1 + X50 / 10));
    assertThat(queues.timedOutTotal()).isZero();
  }

  @Test
  void aMemberThatDivergesSplitsOffAndOneThatCatchesUpJoinsAgain() {
    twoInTheSameStateStepOnce();
    assertThat(loads.queue[1]).isEqualTo(loads.queue[0]).isEqualTo(X50);
    // instance 0's queue is emptied (as when its application restarts): the next step of 1 starts
    // from X50, not from 0's state, and 0 starts from 0 again and ends at X50 as in the first step
    loads.queue[0] = 0;
    queues.step(loads, 1, DT);
    queues.step(loads, 0, DT);
    assertThat(loads.queue[0]).isEqualTo(X50);
    // from X50: q = X50 + 50, b = 10 - q + 100, X'' = 2 q 10 / (b + sqrt(b^2 + 40 q))
    double q = X50 + 50;
    double b = 10 - q + 100;
    double second = 2 * q * 10 / (b + Math.sqrt(b * b + 40 * q));
    assertThat(loads.queue[1]).isEqualTo(second);
    // a third step of both from the same state again ends in the same state
    loads.queue[0] = loads.queue[1];
    queues.step(loads, 0, DT);
    queues.step(loads, 1, DT);
    assertThat(loads.queue[0]).isEqualTo(loads.queue[1]);
    // each instance's busy time is its own sum of its steps' completed requests over the capacity
    assertThat(loads.busy[1]).isEqualTo((50 - X50) / 100 + (50 + X50 - second) / 100 + (50 + second - loads.queue[1]) / 100);
  }

  @Test
  void sharingAStepGivesTheBitsOfComputingItAlone() {
    // a step reused from another instance is the same as a fresh model's step of that instance alone
    twoInTheSameStateStepOnce();
    QueueModel alone = new QueueModel(scenario, new ArrayList<>(scenario.versions().keySet()));
    InstanceLoads single = new InstanceLoads();
    single.ensure(1);
    single.lambda[1] = 50;
    single.cap[1] = 100;
    alone.step(single, 1, DT);
    assertThat(Double.doubleToRawLongBits(loads.queue[1])).isEqualTo(Double.doubleToRawLongBits(single.queue[1]));
    assertThat(Double.doubleToRawLongBits(loads.busy[1])).isEqualTo(Double.doubleToRawLongBits(single.busy[1]));
  }
}
