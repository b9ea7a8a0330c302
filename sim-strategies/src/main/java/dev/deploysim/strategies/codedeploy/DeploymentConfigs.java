package dev.deploysim.strategies.codedeploy;

import java.util.List;

/** The predefined CodeDeploy deployment configurations, by platform. */
public final class DeploymentConfigs {
  private DeploymentConfigs() {}

  public static final String PREFIX = "CodeDeployDefault.";
  public static final String ONE_AT_A_TIME = PREFIX + "OneAtATime";
  public static final String HALF_AT_A_TIME = PREFIX + "HalfAtATime";
  public static final String ALL_AT_ONCE = PREFIX + "AllAtOnce";

  /** EC2/on-premises configurations (in-place and blue/green). */
  public static final List<String> EC2 = List.of(ONE_AT_A_TIME, HALF_AT_A_TIME, ALL_AT_ONCE);

  public static final List<String> ECS = List.of(
      PREFIX + "ECSLinear10PercentEvery1Minutes",
      PREFIX + "ECSLinear10PercentEvery3Minutes",
      PREFIX + "ECSCanary10Percent5Minutes",
      PREFIX + "ECSCanary10Percent15Minutes",
      PREFIX + "ECSAllAtOnce");

  public static final List<String> LAMBDA = List.of(
      PREFIX + "LambdaCanary10Percent5Minutes",
      PREFIX + "LambdaCanary10Percent10Minutes",
      PREFIX + "LambdaCanary10Percent15Minutes",
      PREFIX + "LambdaCanary10Percent30Minutes",
      PREFIX + "LambdaLinear10PercentEvery1Minute",
      PREFIX + "LambdaLinear10PercentEvery2Minutes",
      PREFIX + "LambdaLinear10PercentEvery3Minutes",
      PREFIX + "LambdaLinear10PercentEvery10Minutes",
      PREFIX + "LambdaAllAtOnce");

  public static final String ECS_ALL_AT_ONCE = PREFIX + "ECSAllAtOnce";
  public static final String LAMBDA_ALL_AT_ONCE = PREFIX + "LambdaAllAtOnce";

  /** ECS and Lambda names together (the enum of the traffic-shift {@code config} parameter). */
  public static List<String> trafficShifting() {
    List<String> all = new java.util.ArrayList<>(ECS);
    all.addAll(LAMBDA);
    return List.copyOf(all);
  }

  /** Minimum healthy hosts of an EC2 configuration. */
  public static MinimumHealthyHosts minimumHealthyHosts(String name) {
    return switch (name) {
      case ONE_AT_A_TIME -> MinimumHealthyHosts.allButOne();
      case HALF_AT_A_TIME -> MinimumHealthyHosts.fleetPercent(50);
      case ALL_AT_ONCE -> MinimumHealthyHosts.hostCount(0);
      default -> throw new IllegalArgumentException("not an EC2 deployment configuration: " + name);
    };
  }

  /** Traffic routing of an ECS or Lambda configuration (names as in {@link #ECS} and {@link #LAMBDA}). */
  public static TrafficRouting routing(String name) {
    if (!ECS.contains(name) && !LAMBDA.contains(name)) {
      throw new IllegalArgumentException("not an ECS or Lambda deployment configuration: " + name);
    }
    String s = name.substring(PREFIX.length()).replaceFirst("^(ECS|Lambda)", "");
    if (s.equals("AllAtOnce")) {
      return TrafficRouting.allAtOnce();
    }
    var m = java.util.regex.Pattern.compile("(Canary|Linear)(\\d+)Percent(?:Every)?(\\d+)Minutes?").matcher(s);
    if (!m.matches()) {
      throw new IllegalStateException("cannot read " + name);
    }
    int percent = Integer.parseInt(m.group(2));
    double interval = Integer.parseInt(m.group(3)) * 60.0;
    return m.group(1).equals("Canary") ? TrafficRouting.canary(percent, interval) : TrafficRouting.linear(percent, interval);
  }
}
