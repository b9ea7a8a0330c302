package dev.deploysim.model;

import static dev.deploysim.model.LifecycleState.IN_SERVICE;
import static dev.deploysim.model.LifecycleState.PENDING;
import static dev.deploysim.model.LifecycleState.PENDING_PROCEED;
import static dev.deploysim.model.LifecycleState.PENDING_WAIT;
import static dev.deploysim.model.LifecycleState.STANDBY;
import static dev.deploysim.model.LifecycleState.TERMINATED;
import static dev.deploysim.model.LifecycleState.TERMINATING;
import static dev.deploysim.model.LifecycleState.TERMINATING_PROCEED;
import static dev.deploysim.model.LifecycleState.TERMINATING_WAIT;
import static dev.deploysim.model.LifecycleState.WARMED_HIBERNATED;
import static dev.deploysim.model.LifecycleState.WARMED_PENDING;
import static dev.deploysim.model.LifecycleState.WARMED_PENDING_PROCEED;
import static dev.deploysim.model.LifecycleState.WARMED_PENDING_WAIT;
import static dev.deploysim.model.LifecycleState.WARMED_RUNNING;
import static dev.deploysim.model.LifecycleState.WARMED_STOPPED;
import static dev.deploysim.model.LifecycleState.WARMED_TERMINATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Auto Scaling instance lifecycle (docs/platforms/auto-scaling.md#instance-lifecycle-states;
 * ASG user guide, instance lifecycle and warm pool lifecycle diagrams), restricted to the states
 * the model has (it does not model EnteringStandby, Detaching/Detached, and folds
 * Warmed:Terminating:Wait/Proceed and Warmed:Terminated into Warmed:Terminating -> Terminated).
 */
class LifecycleStateTest {

  /** The documented graph: every legal move. */
  static Map<LifecycleState, Set<LifecycleState>> documented() {
    Map<LifecycleState, Set<LifecycleState>> g = new EnumMap<>(LifecycleState.class);
    // launch: Pending -> [Pending:Wait -> Pending:Proceed ->] InService; a launch can be abandoned
    // (hook ABANDON, failed launch, scale-in while launching) into Terminating
    g.put(PENDING, EnumSet.of(PENDING_WAIT, PENDING_PROCEED, IN_SERVICE, TERMINATING));
    g.put(PENDING_WAIT, EnumSet.of(PENDING_PROCEED, TERMINATING));
    g.put(PENDING_PROCEED, EnumSet.of(IN_SERVICE, TERMINATING));
    // in service: standby, scale-in / replacement, back to the warm pool with instance reuse
    g.put(IN_SERVICE, EnumSet.of(STANDBY, TERMINATING, WARMED_PENDING));
    // standby: exit goes through Pending; a standby instance can be terminated
    g.put(STANDBY, EnumSet.of(PENDING, TERMINATING));
    // terminate: Terminating -> [Terminating:Wait -> Terminating:Proceed ->] Terminated
    g.put(TERMINATING, EnumSet.of(TERMINATING_WAIT, TERMINATING_PROCEED, TERMINATED));
    g.put(TERMINATING_WAIT, EnumSet.of(TERMINATING_PROCEED));
    g.put(TERMINATING_PROCEED, EnumSet.of(TERMINATED));
    g.put(TERMINATED, EnumSet.noneOf(LifecycleState.class));
    // warm pool: Warmed:Pending -> [Warmed:Pending:Wait -> Warmed:Pending:Proceed ->] pool state;
    // a warm start leaves through Pending
    g.put(WARMED_PENDING, EnumSet.of(WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED, WARMED_STOPPED, WARMED_RUNNING,
        WARMED_HIBERNATED, WARMED_TERMINATING));
    g.put(WARMED_PENDING_WAIT, EnumSet.of(WARMED_PENDING_PROCEED, WARMED_TERMINATING));
    g.put(WARMED_PENDING_PROCEED, EnumSet.of(WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED, WARMED_TERMINATING));
    for (LifecycleState s : List.of(WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED)) {
      g.put(s, EnumSet.of(PENDING, WARMED_TERMINATING));
    }
    g.put(WARMED_TERMINATING, EnumSet.of(TERMINATED));
    return g;
  }

  @Test
  void theModelAcceptsExactlyTheDocumentedGraph() {
    Map<LifecycleState, Set<LifecycleState>> doc = documented();
    assertThat(doc.keySet()).containsExactlyInAnyOrder(LifecycleState.values());
    for (LifecycleState from : LifecycleState.values()) {
      for (LifecycleState to : LifecycleState.values()) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from.awsName(), to.awsName()).isEqualTo(doc.get(from).contains(to));
      }
    }
  }

  @Test
  void illegalTransitionsThrow() {
    World w = ModelScenarios.scenario().withInstances(1).world();
    Instance i = w.primary().group().inService().get(0);
    assertThatThrownBy(() -> i.moveTo(PENDING_WAIT)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("InService -> Pending:Wait");
    assertThatThrownBy(() -> i.moveTo(TERMINATED)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> i.moveTo(PENDING)).isInstanceOf(IllegalStateException.class);
    assertThat(i.state()).isEqualTo(IN_SERVICE);
  }

  @Test
  void everyDocumentedPathCanBeWalked() {
    World w = ModelScenarios.scenario().withInstances(1).world();
    List<List<LifecycleState>> paths = List.of(
        List.of(PENDING, IN_SERVICE, TERMINATING, TERMINATED),
        List.of(PENDING, PENDING_WAIT, PENDING_PROCEED, IN_SERVICE, TERMINATING, TERMINATING_WAIT,
            TERMINATING_PROCEED, TERMINATED),
        List.of(PENDING, PENDING_WAIT, TERMINATING, TERMINATED),
        List.of(PENDING, IN_SERVICE, STANDBY, PENDING, IN_SERVICE, STANDBY, TERMINATING, TERMINATED),
        List.of(WARMED_PENDING, WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED, WARMED_STOPPED, PENDING, PENDING_WAIT,
            PENDING_PROCEED, IN_SERVICE, WARMED_PENDING, WARMED_HIBERNATED, WARMED_TERMINATING, TERMINATED),
        List.of(WARMED_PENDING, WARMED_RUNNING, PENDING, IN_SERVICE));
    for (List<LifecycleState> path : paths) {
      Instance i = new Instance(w, 1000, "a", w.primary().group(), path.get(0));
      for (LifecycleState s : path.subList(1, path.size())) {
        i.moveTo(s);
        assertThat(i.state()).isEqualTo(s);
      }
    }
  }
}
