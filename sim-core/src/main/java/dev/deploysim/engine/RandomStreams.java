package dev.deploysim.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * Named, independent random streams derived from one seed.
 *
 * <p>The stream for a name depends only on the seed and the name, so adding a component (a new
 * name) never changes the numbers an existing component draws.
 */
public final class RandomStreams {

  private final long seed;
  private final Map<String, RandomStream> streams = new TreeMap<>();

  public RandomStreams(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The stream for a component name; the same object for the same name. */
  public RandomStream stream(String name) {
    return streams.computeIfAbsent(name, n -> new RandomStream(seedFor(seed, n)));
  }

  /** The seed of the named stream. */
  public static long seedFor(long seed, String name) {
    return SplitMix64.mix(seed ^ SplitMix64.mix(SplitMix64.hash(name) + SplitMix64.GOLDEN));
  }

  /**
   * Seed of replication {@code index} (0-based) of a run seeded with {@code seed}: {@code seed} itself
   * for replication 0, else {@code mix(mix(seed) + index * 0x9E3779B97F4A7C15)} with the sign bit
   * cleared ({@code mix} is {@link SplitMix64#mix}, arithmetic modulo 2^64). So every replication seed
   * is 0 to 2^63-1, the domain of a file's {@code seed:} and of {@code --seed}: a replication reruns
   * alone as the scenario with that seed.
   */
  public static long replicationSeed(long seed, long index) {
    if (index == 0) {
      return seed;
    }
    return SplitMix64.mix(SplitMix64.mix(seed) + index * SplitMix64.GOLDEN) & Long.MAX_VALUE;
  }
}
