package dev.deploysim.strategies.opsworks;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.CpuMeter;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.scenario.LifecycleHookSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The app server layer of an AWS OpsWorks Stacks stack: its instances behind the layer's load
 * balancer and the services OpsWorks runs for them, whether or not a deployment is under way.
 *
 * <ul>
 *   <li>Starting an instance: it boots, its agent registers, the Setup event runs the Chef setup
 *       recipes ({@code setupTime}) and then the Deploy recipes (the version's install and start);
 *       then it is online, added to the load balancer, and the Configure event runs on every online
 *       instance. An instance whose agent never starts stays booting: billed, never online.
 *   <li>Configure: on all online instances whenever one comes online or goes offline; a Configure
 *       still running when the next one comes is superseded (only the last of a burst completes).
 *   <li>Stopping an instance: it leaves the load balancer and drains, the Shutdown event runs its
 *       recipes for at most {@code shutdownTimeout}, then the instance stops.
 *   <li>Auto healing: an online instance whose agent has not reported for {@code autoHealingAfter}
 *       (its agent stopped, or the machine failed) is stopped and started again, which runs Setup
 *       and Deploy again. OpsWorks heals, not Auto Scaling: the groups' own health-check replacement
 *       is suspended.
 *   <li>Time-based instances follow their schedule; load-based instances start and stop on the
 *       layer's average CPU.
 * </ul>
 *
 * <p>The instances live in Auto Scaling groups of the model (one for the 24/7 instances, one each
 * for time- and load-based ones) so that the load balancer, health checks, traffic and costs are the
 * model's own; a stopped OpsWorks instance is a terminated one here and a start is a new launch
 * (same times; its kept EBS volume is not billed). Rules and sources: docs/platforms/opsworks.md.
 */
final class Layer {
  private final World world;
  private final String name;
  private final StackSettings settings;
  private final Environment env;
  private final AutoScalingGroup always;
  private AutoScalingGroup timeBased;
  private AutoScalingGroup loadBased;
  private final List<AutoScalingGroup> groups = new ArrayList<>();
  private final Set<Instance> online = new LinkedHashSet<>();
  private final Set<Instance> healing = new HashSet<>();
  private final RandomStream random;
  private WorldListener listener;
  private boolean stopped;
  private int configureRun;
  private CpuMeter cpu;
  private double aboveSince = Double.NaN;
  private double belowSince = Double.NaN;
  private double ignoreMetricsUntil = Double.NEGATIVE_INFINITY;

  private Layer(World world, String name, StackSettings settings, Environment env) {
    this.world = world;
    this.name = name;
    this.settings = settings;
    this.env = env;
    this.always = env.group();
    this.random = world.random("opsworks." + name);
  }

  /** The layer of the scenario's fleet (its 24/7 instances are already online). */
  static Layer of(World world, StackSettings settings) {
    Layer l = new Layer(world, "app", settings, world.primary());
    l.start();
    return l;
  }

  /** A new stack's layer (blue/green: a clone) whose 24/7 instances start with {@code version}. */
  static Layer cloneOf(Layer original, String name, String version) {
    World w = original.world;
    AutoScalingGroup g = original.always;
    // created empty so that its instances run Setup (the layer adopts the group first), then sized
    GroupSettings gs = g.settings().withSizes(0, g.maxSize(), 0);
    Environment e = w.createEnvironment(name, gs, version);
    Layer l = new Layer(w, name, original.settings, e);
    l.start();
    e.group().updateSizes(g.minSize(), g.maxSize(), g.desired());
    return l;
  }

  String name() {
    return name;
  }

  Environment environment() {
    return env;
  }

  /** The group of the 24/7 instances. */
  AutoScalingGroup alwaysOn() {
    return always;
  }

  List<AutoScalingGroup> groups() {
    return List.copyOf(groups);
  }

  /** Online instances (InService in one of the layer's groups), in the order they came online. */
  List<Instance> online() {
    List<Instance> out = new ArrayList<>();
    for (Instance i : online) {
      if (i.state() == LifecycleState.IN_SERVICE) {
        out.add(i);
      }
    }
    return out;
  }

  // --- starting the layer's services ------------------------------------------------------------

  private void start() {
    adopt(always);
    for (Instance i : always.inService()) {
      online.add(i);
    }
    if (settings.timeBased() != null) {
      timeBased = extraGroup(name + "-time", settings.timeBased().count());
      scheduleTimeBased();
    }
    if (settings.loadBased() != null) {
      loadBased = extraGroup(name + "-load", settings.loadBased().count());
      cpu = new CpuMeter(world, null);
      world.sim().after(LOAD_PERIOD, this::evaluateLoad);
    }
    listener = new WorldListener() {
      @Override
      public void instanceInService(AutoScalingGroup g, Instance i) {
        if (groups.contains(g) && online.add(i)) {
          world.log("opsworks", i.name() + " online in " + name);
          configure(i.name() + " came online");
        }
      }

      @Override
      public void instanceTerminated(AutoScalingGroup g, Instance i) {
        healing.remove(i);
        if (online.remove(i)) {
          world.log("opsworks", i.name() + " stopped");
          configure(i.name() + " went offline");
        }
      }
    };
    world.addListener(listener);
    if (settings.autoHealing()) {
      world.sim().after(settings.agentCheckInterval(), this::checkAgents);
    }
  }

  /** A group of the layer: OpsWorks heals, runs Setup before the app and Shutdown before stopping. */
  private void adopt(AutoScalingGroup g) {
    groups.add(g);
    g.suspend(AutoScalingGroup.Process.HEALTH_CHECK);
    g.suspend(AutoScalingGroup.Process.REPLACE_UNHEALTHY);
    g.setBootstrap(this::setup);
    g.putLifecycleHook(new LifecycleHookSpec("opsworks-shutdown", LifecycleHookSpec.Transition.TERMINATING,
        settings.shutdownTimeout(), LifecycleHookSpec.HookResult.CONTINUE, settings.shutdownTime(),
        LifecycleHookSpec.HookResult.CONTINUE));
  }

  private AutoScalingGroup extraGroup(String groupName, int max) {
    GroupSettings gs = always.settings().withoutWarmPool().withSizes(0, max, 0);
    AutoScalingGroup g = world.createGroup(groupName, gs, always.launchVersion(), List.of(env.targetGroup()));
    adopt(g);
    return g;
  }

  /** Stops the layer's services (its stack is being deleted). */
  void stop() {
    stopped = true;
    if (listener != null) {
      world.removeListener(listener);
    }
  }

  /** The app's revision: instances that start from now on deploy it. */
  void setAppVersion(String version) {
    for (AutoScalingGroup g : groups) {
      if (!g.isDeleted()) {
        g.setLaunchVersion(version);
      }
    }
  }

  /** Deletes the stack's instances and load balancer (the Shutdown event runs on each). */
  Task delete(Scope scope) {
    stop();
    env.loadBalancer().delete();
    List<Task> all = new ArrayList<>();
    for (AutoScalingGroup g : groups) {
      all.add(g.delete(scope));
    }
    return Task.all(scope, all);
  }

  // --- lifecycle events --------------------------------------------------------------------------

  /** Setup: once the agent reports, the setup recipes; the group then installs and starts the app (Deploy). */
  private Task setup(Scope s, Instance i) {
    if (!i.isAgentRunning()) {
      world.log("opsworks", i.name() + " booting: its agent has not started, so OpsWorks cannot run Setup");
    }
    return world.until(s, i::isAgentRunning, null, Double.POSITIVE_INFINITY, "the OpsWorks agent of " + i.name())
        .then(() -> {
          double t = settings.setupTime().sample(random);
          world.log("opsworks", i.name() + " running_setup: Setup recipes (" + Durations.format(round(t))
              + "), then Deploy of " + i.group().launchVersion());
          return s.sleep(t);
        });
  }

  /** Configure on every online instance; a Configure still running is superseded. */
  private void configure(String why) {
    if (stopped) {
      return;
    }
    int run = ++configureRun;
    List<Instance> targets = online();
    if (targets.isEmpty()) {
      return;
    }
    double longest = 0;
    for (int k = 0; k < targets.size(); k++) {
      longest = Math.max(longest, settings.configureTime().sample(random));
    }
    world.log("opsworks", "Configure (" + why + ") on " + targets.size() + " online instance(s) of " + name);
    world.sim().after(longest, () -> {
      if (run == configureRun) {
        world.log("opsworks", "Configure (" + why + ") done on " + targets.size() + " instance(s)");
      } else {
        world.log("opsworks", "Configure (" + why + ") superseded by a later Configure");
      }
    });
  }

  // --- auto healing ------------------------------------------------------------------------------

  private void checkAgents() {
    if (stopped) {
      return;
    }
    double now = world.now();
    for (Instance i : online()) {
      double since = i.agentSilentSince();
      if (!Double.isNaN(since) && now - since >= settings.autoHealingAfter() && healing.add(i)) {
        heal(i, now - since);
      }
    }
    world.sim().after(settings.agentCheckInterval(), this::checkAgents);
  }

  /** Stop and start: the instance leaves, then a start runs boot, Setup and Deploy again. */
  private void heal(Instance i, double silent) {
    AutoScalingGroup g = i.group();
    world.log("opsworks", "auto healing " + i.name() + ": its agent has not reported for "
        + Durations.format(round(silent)) + "; stop, then start");
    int min = g.minSize();
    int desired = g.desired();
    g.terminate(world.systemScope(), i, true).whenDone(t -> {
      if (!g.isDeleted()) {
        g.updateSizes(min, g.maxSize(), Math.min(g.maxSize(), Math.max(desired, g.desired() + 1)));
      }
    });
  }

  // --- time- and load-based instances ------------------------------------------------------------

  private void scheduleTimeBased() {
    if (stopped || timeBased.isDeleted()) {
      return;
    }
    StackSettings.TimeBased tb = settings.timeBased();
    int want = tb.onlineAt(world.now()) ? tb.count() : 0;
    if (want != timeBased.desired()) {
      world.log("opsworks", (want > 0 ? "starting " : "stopping ") + Math.abs(want - timeBased.desired())
          + " time-based instance(s) of " + name + " (schedule)");
      timeBased.setDesiredCapacity(want);
    }
    world.sim().after(tb.checkInterval(), this::scheduleTimeBased);
  }

  /** CloudWatch's 1-minute metrics: the load is judged once a minute. */
  static final double LOAD_PERIOD = 60;

  private void evaluateLoad() {
    if (stopped || loadBased.isDeleted()) {
      return;
    }
    double now = world.now();
    double c = cpu.read(i -> groups.contains(i.group()));
    world.sim().after(LOAD_PERIOD, this::evaluateLoad);
    if (now < ignoreMetricsUntil || Double.isNaN(c)) {
      aboveSince = Double.NaN;
      belowSince = Double.NaN;
      return;
    }
    StackSettings.LoadBased lb = settings.loadBased();
    double periodStart = now - LOAD_PERIOD;
    aboveSince = c > lb.up().cpuThreshold() ? (Double.isNaN(aboveSince) ? periodStart : aboveSince) : Double.NaN;
    belowSince = c < lb.down().cpuThreshold() ? (Double.isNaN(belowSince) ? periodStart : belowSince) : Double.NaN;
    int have = loadBased.desired();
    if (!Double.isNaN(aboveSince) && now - aboveSince >= lb.up().thresholdsWaitTime() && have < lb.count()) {
      int n = Math.min(lb.up().instanceCount(), lb.count() - have);
      world.log("opsworks", String.format(Locale.ROOT, "layer CPU %.1f%% above %.0f%% for %s: starting %d "
          + "load-based instance(s)", c, lb.up().cpuThreshold(), Durations.format(now - aboveSince), n));
      loadBased.setDesiredCapacity(have + n);
      ignoreMetricsUntil = now + lb.up().ignoreMetricsTime();
    } else if (!Double.isNaN(belowSince) && now - belowSince >= lb.down().thresholdsWaitTime() && have > 0) {
      int n = Math.min(lb.down().instanceCount(), have);
      world.log("opsworks", String.format(Locale.ROOT, "layer CPU %.1f%% below %.0f%% for %s: stopping %d "
          + "load-based instance(s)", c, lb.down().cpuThreshold(), Durations.format(now - belowSince), n));
      loadBased.setDesiredCapacity(have - n);
      ignoreMetricsUntil = now + lb.down().ignoreMetricsTime();
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
