package dev.deploysim.strategies.codedeploy;

import dev.deploysim.format.Keywords;
import java.util.ArrayList;
import java.util.List;

/**
 * CodeDeploy lifecycle events, named as in the AppSpec file's {@code hooks} section. The
 * declaration order is the order of an EC2 in-place deployment behind a load balancer (the user
 * guide shows it only as a picture; the order here is derived from the event descriptions and from
 * CloudFormation's {@code IgnoreApplicationStopFailures} text). Scriptable events run the
 * scripts a scenario gives in {@code hooks}; the others are the agent's own work.
 */
public enum LifecycleEvent {
  BEFORE_BLOCK_TRAFFIC(true, true),
  BLOCK_TRAFFIC(false, true),
  AFTER_BLOCK_TRAFFIC(true, true),
  APPLICATION_STOP(true, false),
  DOWNLOAD_BUNDLE(false, false),
  BEFORE_INSTALL(true, false),
  INSTALL(false, false),
  AFTER_INSTALL(true, false),
  APPLICATION_START(true, false),
  VALIDATE_SERVICE(true, false),
  BEFORE_ALLOW_TRAFFIC(true, true),
  ALLOW_TRAFFIC(false, true),
  AFTER_ALLOW_TRAFFIC(true, true),
  /** ECS only: after the test listener serves the replacement task set. */
  AFTER_ALLOW_TEST_TRAFFIC(true, true);

  /** Events an EC2 AppSpec file may attach scripts to. */
  public static final List<LifecycleEvent> EC2_HOOKS = List.of(APPLICATION_STOP, BEFORE_INSTALL, AFTER_INSTALL,
      APPLICATION_START, VALIDATE_SERVICE, BEFORE_BLOCK_TRAFFIC, AFTER_BLOCK_TRAFFIC, BEFORE_ALLOW_TRAFFIC,
      AFTER_ALLOW_TRAFFIC);

  /** Events an ECS AppSpec file may attach a validation Lambda function to, in run order. */
  public static final List<LifecycleEvent> ECS_HOOKS = List.of(BEFORE_INSTALL, AFTER_INSTALL,
      AFTER_ALLOW_TEST_TRAFFIC, BEFORE_ALLOW_TRAFFIC, AFTER_ALLOW_TRAFFIC);

  /** Events a Lambda AppSpec file may attach a validation function to, in run order. */
  public static final List<LifecycleEvent> LAMBDA_HOOKS = List.of(BEFORE_ALLOW_TRAFFIC, AFTER_ALLOW_TRAFFIC);

  private final boolean scriptable;
  // one of the six events that block and allow load balancer traffic
  private final boolean traffic;

  LifecycleEvent(boolean scriptable, boolean traffic) {
    this.scriptable = scriptable;
    this.traffic = traffic;
  }

  /** The name AWS and the AppSpec file give it: BEFORE_INSTALL is BeforeInstall. */
  public String awsName() {
    return Keywords.pascalCase(this);
  }

  public boolean scriptable() {
    return scriptable;
  }

  /**
   * The events of an EC2 in-place deployment to one instance: with a load balancer all thirteen,
   * without one the six traffic events are left out (they "apply only if you specify a Classic Load
   * Balancer, Application Load Balancer, or Network Load Balancer").
   */
  public static List<LifecycleEvent> inPlaceOrder(boolean trafficControl) {
    List<LifecycleEvent> out = new ArrayList<>();
    for (LifecycleEvent e : values()) {
      if (e == AFTER_ALLOW_TEST_TRAFFIC || !trafficControl && e.traffic) {
        continue;
      }
      out.add(e);
    }
    return out;
  }

  /** The event with this AppSpec name, or null. */
  public static LifecycleEvent byAwsName(String name) {
    return Keywords.find(LifecycleEvent.class, name, LifecycleEvent::awsName);
  }

  public static List<String> names(List<LifecycleEvent> events) {
    return events.stream().map(LifecycleEvent::awsName).toList();
  }
}
