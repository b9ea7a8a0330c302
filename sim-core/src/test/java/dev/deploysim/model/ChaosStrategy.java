package dev.deploysim.model;

import dev.deploysim.engine.RandomStream;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test strategy that drives the control plane at random (from the world's seeded stream
 * "test.chaos"): deregister, register, install, weights, DNS weights, terminate, scale, standby,
 * launch version, protection, suspend/resume, moving instances between groups, deleting the second
 * environment. Every action is one a real strategy may take; the model must stay consistent (no
 * exception, no illegal lifecycle move) whatever the sequence.
 */
final class ChaosStrategy implements StrategyType {
  /** Mean seconds between actions. */
  private final double meanGap;
  /** Called with the world when the run starts (tests attach their checks here). */
  private final Consumer<World> onStart;

  ChaosStrategy(double meanGap, Consumer<World> onStart) {
    this.meanGap = meanGap;
    this.onStart = onStart;
  }

  @Override
  public StrategyDescription description() {
    return new StrategyDescription("test.chaos", "random control-plane actions (tests)", "random control-plane actions",
        List.of(), RollbackPolicy.neverReverts(null, null).withoutAlarmRollback(null));
  }

  @Override
  public Strategy create(StrategyParams params) {
    return d -> new Run(d, meanGap, onStart).start();
  }

  private static final class Run {
    private final Deployment d;
    private final World w;
    private final RandomStream r;
    private final double meanGap;
    private final Consumer<World> onStart;
    private final List<String> versions;
    private Environment green;
    private boolean greenDeleted;

    Run(Deployment d, double meanGap, Consumer<World> onStart) {
      this.d = d;
      this.onStart = onStart;
      this.w = d.world();
      this.r = w.random("test.chaos");
      this.meanGap = meanGap;
      this.versions = new ArrayList<>(w.scenario().versions().keySet());
    }

    void start() {
      onStart.accept(w);
      AutoScalingGroup blue = w.primary().group();
      int max = blue.maxSize();
      int desired = r.nextInt(Math.min(3, max) + 1);
      green = w.createEnvironment("green", blue.settings().withSizes(0, max, desired), pick(versions));
      next();
    }

    private void next() {
      d.scope().after(r.exponential(meanGap), () -> {
        act();
        next();
      });
    }

    private <T> T pick(List<T> l) {
      return l.get(r.nextInt(l.size()));
    }

    private List<AutoScalingGroup> liveGroups() {
      List<AutoScalingGroup> out = new ArrayList<>();
      for (AutoScalingGroup g : w.groups()) {
        if (!g.isDeleted()) {
          out.add(g);
        }
      }
      return out;
    }

    private List<Instance> inService() {
      List<Instance> out = new ArrayList<>();
      for (AutoScalingGroup g : liveGroups()) {
        out.addAll(g.inService());
      }
      return out;
    }

    private List<TargetGroup> targetGroups() {
      List<TargetGroup> out = new ArrayList<>();
      out.add(w.primary().targetGroup());
      if (!greenDeleted) {
        out.add(green.targetGroup());
      }
      return out;
    }

    private void act() {
      List<Instance> in = inService();
      int action = r.nextInt(14);
      switch (action) {
        case 0 -> {
          if (!in.isEmpty()) {
            Instance i = pick(in);
            pick(targetGroups()).deregister(d.scope(), i);
          }
        }
        case 1 -> {
          if (!in.isEmpty()) {
            pick(targetGroups()).register(pick(in));
          }
        }
        case 2 -> {
          List<Instance> some = new ArrayList<>();
          for (int k = 0; k < 3 && !in.isEmpty(); k++) {
            some.add(in.remove(r.nextInt(in.size())));
          }
          w.install(d.scope(), some, pick(versions));
        }
        case 3 -> {
          LoadBalancer lb = w.primary().loadBalancer();
          if (lb.type() == LoadBalancerSpec.Type.ALB && !greenDeleted) {
            Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
            int a = r.nextInt(1000);
            int b = r.nextInt(1000);
            weights.put(w.primary().targetGroup(), a + b == 0 ? 1 : a);
            weights.put(green.targetGroup(), b);
            lb.setWeights(weights);
          } else {
            lb.forward(w.primary().targetGroup());
          }
        }
        case 4 -> {
          Map<Endpoint, Integer> weights = new LinkedHashMap<>();
          weights.put(w.primary().loadBalancer(), r.nextInt(256));
          weights.put(green.loadBalancer(), r.nextInt(256));
          w.dns().setWeights(weights);
        }
        case 5 -> {
          List<Instance> all = new ArrayList<>();
          for (AutoScalingGroup g : liveGroups()) {
            all.addAll(g.members());
          }
          if (!all.isEmpty()) {
            Instance i = pick(all);
            i.group().terminate(d.scope(), i, r.nextBoolean(0.5));
          }
        }
        case 6 -> {
          AutoScalingGroup g = pick(liveGroups());
          g.setDesiredCapacity(g.minSize() + r.nextInt(g.maxSize() - g.minSize() + 1));
        }
        case 7 -> {
          if (!in.isEmpty()) {
            Instance i = pick(in);
            i.group().enterStandby(d.scope(), i);
          }
        }
        case 8 -> {
          for (AutoScalingGroup g : liveGroups()) {
            for (Instance i : g.members()) {
              if (i.state() == LifecycleState.STANDBY && r.nextBoolean(0.5)) {
                g.exitStandby(d.scope(), i);
              }
            }
          }
        }
        case 9 -> pick(liveGroups()).setLaunchVersion(pick(versions));
        case 10 -> {
          if (!in.isEmpty()) {
            Instance i = pick(in);
            if (r.nextBoolean(0.5)) {
              i.stopApplication(d.scope());
            } else if (i.version() != null) {
              i.startApplication(d.scope());
            }
            i.setProtectedFromScaleIn(r.nextBoolean(0.3));
          }
        }
        case 11 -> {
          AutoScalingGroup g = pick(liveGroups());
          AutoScalingGroup.Process p = pick(List.of(AutoScalingGroup.Process.values()));
          if (r.nextBoolean(0.5)) {
            g.suspend(p);
          } else {
            g.resume(p);
          }
        }
        case 12 -> {
          if (!greenDeleted && !in.isEmpty()) {
            Instance i = pick(in);
            AutoScalingGroup other = i.group() == green.group() ? w.primary().group() : green.group();
            i.group().moveTo(i, other);
          }
        }
        case 13 -> {
          if (!greenDeleted && r.nextBoolean(0.2)) {
            greenDeleted = true;
            w.primary().loadBalancer().forward(w.primary().targetGroup());
            w.dns().pointTo(w.primary().loadBalancer());
            green.group().delete(d.scope());
            green.loadBalancer().delete();
          }
        }
        default -> throw new IllegalStateException();
      }
    }
  }
}
