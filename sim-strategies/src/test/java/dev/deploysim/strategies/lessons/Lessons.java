package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.StrategyVariants;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lesson scenarios of the repository (scenarios/lessons/), loaded with the real loader and
 * strategy catalog, each run once per JVM: a file as written, or the file deployed by another
 * strategy type exactly as {@code sim compare FILE --strategies ...} builds it.
 */
final class Lessons {
  private Lessons() {}

  static final Path DIR = Path.of("..", "scenarios", "lessons");
  static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());

  /** Every Elastic Beanstalk policy, in the order the notes list them. */
  static final String[] EB = {"eb.all-at-once", "eb.rolling", "eb.rolling-additional-batch", "eb.immutable",
    "eb.traffic-splitting", "eb.blue-green"};

  private static final Map<String, RunResult> RUNS = new ConcurrentHashMap<>();

  static String text(String file) {
    try {
      return Files.readString(DIR.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LoadResult load(String file) {
    return LOADER.parse(text(file), file);
  }

  static Scenario scenario(String file) {
    LoadResult r = load(file);
    assertThat(r.errors()).extracting(ScenarioError::format).as(file).isEmpty();
    return r.scenario();
  }

  /** The file as written, run once. */
  static RunResult result(String file) {
    return RUNS.computeIfAbsent(file, f -> ScenarioRunner.run(scenario(f), Strategies.catalog()));
  }

  static Summary run(String file) {
    return result(file).summary();
  }

  /** The file deployed by {@code type} (sim compare --strategies), run once. */
  static RunResult result(String file, String type) {
    return RUNS.computeIfAbsent(file + " as " + type, k -> {
      StrategyVariants.Variant v = StrategyVariants.of(LOADER, text(file), file, type);
      assertThat(v.result().errors()).extracting(ScenarioError::format).as(k).isEmpty();
      return ScenarioRunner.run(v.result().scenario(), Strategies.catalog());
    });
  }

  static Summary run(String file, String type) {
    return result(file, type).summary();
  }

  static double duration(Summary s) {
    assertThat(s.deployment().durationSeconds()).as(s.scenario() + " finished").isNotNull();
    return s.deployment().durationSeconds();
  }

  /** Seconds of samples (output.sampleInterval apart) in which {@code column} lies within [low, high]. */
  static double secondsWithin(RunResult r, String column, double low, double high) {
    double[] time = r.timeSeries().series("time");
    double[] value = r.timeSeries().series(column);
    double total = 0;
    for (int k = 1; k < time.length; k++) {
      if (value[k] >= low && value[k] <= high) {
        total += time[k] - time[k - 1];
      }
    }
    return total;
  }

  /** The value of {@code column} in the last sample at or before {@code seconds}. */
  static double valueAt(RunResult r, String column, double seconds) {
    double[] time = r.timeSeries().series("time");
    double[] value = r.timeSeries().series(column);
    double v = Double.NaN;
    for (int k = 0; k < time.length && time[k] <= seconds; k++) {
      v = value[k];
    }
    return v;
  }

  /** The time of the first sample in which {@code column} is at least {@code low} (NaN if none). */
  static double firstTime(RunResult r, String column, double low) {
    double[] time = r.timeSeries().series("time");
    double[] value = r.timeSeries().series(column);
    for (int k = 0; k < time.length; k++) {
      if (value[k] >= low) {
        return time[k];
      }
    }
    return Double.NaN;
  }

  static Double rollbackSeconds(Summary s) {
    Summary.Rollback r = s.rollback();
    return r.triggered() && r.endSeconds() != null ? r.endSeconds() - r.startSeconds() : null;
  }
}
