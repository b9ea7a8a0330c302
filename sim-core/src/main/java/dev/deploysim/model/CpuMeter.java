package dev.deploysim.model;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * CPUUtilization as CloudWatch aggregates it for a group (ASGAverageCPUUtilization): each
 * instance's utilisation over the period (its busy time over the period's length), averaged over
 * the InService instances. A meter remembers each instance's busy time at its last reading, so
 * several meters (the time series, an alarm, a scaling policy) read their own periods. One reading
 * is O(instances).
 */
public final class CpuMeter {
  private final World world;
  private final AutoScalingGroup group;
  private final boolean requests;
  private double[] marks = new double[64];
  private double lastRead;
  private final InstanceLoads loads;
  private final MemberIds memberIds = new MemberIds();
  // the running sum and count of a reading
  private double sum;
  private int counted;

  /**
   * @param group the group to average over; null for every group of the world
   */
  public CpuMeter(World world, AutoScalingGroup group) {
    this(world, group, false);
  }

  /**
   * @param requests true for a RequestCountPerTarget meter: {@link #read} then gives the requests
   *     each counted instance received over the period, averaged over them
   */
  public CpuMeter(World world, AutoScalingGroup group, boolean requests) {
    this.world = world;
    this.group = group;
    this.requests = requests;
    this.loads = world.loads;
    this.lastRead = world.now();
    read();
  }

  /**
   * Average CPU utilisation in percent since the last reading over the InService instances that
   * {@code counted} accepts (all others only have their mark moved), or NaN when none is counted.
   */
  public double read(Predicate<Instance> counted) {
    world.traffic().advance();
    double now = world.now();
    double span = now - lastRead;
    lastRead = now;
    double sum = 0;
    int n = 0;
    if (group != null) {
      for (Instance i : group.memberList()) {
        double u = take(i, span);
        if (i.state() == LifecycleState.IN_SERVICE && counted.test(i) && !Double.isNaN(u)) {
          sum += u;
          n++;
        }
      }
    } else {
      for (AutoScalingGroup g : world.groupList()) {
        for (Instance i : g.memberList()) {
          double u = take(i, span);
          if (i.state() == LifecycleState.IN_SERVICE && counted.test(i) && !Double.isNaN(u)) {
            sum += u;
            n++;
          }
        }
      }
    }
    return n == 0 ? Double.NaN : (requests ? 1 : 100) * sum / n;
  }

  /**
   * Average CPU utilisation as CloudWatch aggregates it for the group: instances within their group's
   * default instance warmup are not counted (without one, every InService instance is).
   */
  public double read() {
    for (AutoScalingGroup g : world.groupList()) {
      if (g.settings().defaultInstanceWarmup() != null) {
        return read(i -> i.group() == null || !i.group().inDefaultWarmup(i));
      }
    }
    return readInService();
  }

  /**
   * {@link #read(Predicate)} counting every InService instance, from the ids of the members (kept per
   * group while its member list is unchanged) and the load model's arrays: the same arithmetic in
   * the same order, without visiting each instance.
   */
  private double readInService() {
    world.traffic().advance();
    double now = world.now();
    double span = now - lastRead;
    lastRead = now;
    if (marks.length < loads.busy.length) {
      marks = Arrays.copyOf(marks, loads.busy.length);
    }
    sum = 0;
    counted = 0;
    if (group != null) {
      takeAll(group, span);
    } else {
      for (AutoScalingGroup g : world.groupList()) {
        takeAll(g, span);
      }
    }
    return counted == 0 ? Double.NaN : (requests ? 1 : 100) * sum / counted;
  }

  private void takeAll(AutoScalingGroup g, double span) {
    MemberIds.Members m = memberIds.of(g);
    int[] ids = m.ids;
    double[] source = requests ? loads.requests : loads.busy;
    boolean[] inService = loads.inService;
    for (int k = 0; k < m.size; k++) {
      int id = ids[k];
      double busy = source[id];
      double u = span > 0 ? (requests ? busy - marks[id] : Math.min(1, (busy - marks[id]) / span)) : Double.NaN;
      marks[id] = busy;
      if (inService[id] && !Double.isNaN(u)) {
        sum += u;
        counted++;
      }
    }
  }


  /** The instance's utilisation since its mark (NaN for a zero-length period), and a new mark. */
  private double take(Instance i, double span) {
    int id = i.id();
    if (id >= marks.length) {
      marks = Arrays.copyOf(marks, Math.max(id + 1, 2 * marks.length));
    }
    double busy = requests ? loads.requests[id] : loads.busy[id];
    double u = span > 0 ? (requests ? busy - marks[id] : Math.min(1, (busy - marks[id]) / span)) : Double.NaN;
    marks[id] = busy;
    return u;
  }
}
