package dev.deploysim.engine;

/**
 * A seeded pseudo-random stream (xoshiro256**), one per named model component.
 *
 * <p>The algorithm is written out here rather than taken from the JDK so that a given seed gives
 * the same numbers on every Java version.
 */
public final class RandomStream {

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double spareNormal = Double.NaN;

  /** Seeds the four state words from one 64-bit seed through SplitMix64. */
  public RandomStream(long seed) {
    long x = seed;
    s0 = SplitMix64.mix(x += SplitMix64.GOLDEN);
    s1 = SplitMix64.mix(x += SplitMix64.GOLDEN);
    s2 = SplitMix64.mix(x += SplitMix64.GOLDEN);
    s3 = SplitMix64.mix(x + SplitMix64.GOLDEN);
    if ((s0 | s1 | s2 | s3) == 0) {
      s0 = 1;
    }
  }

  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1), 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in (0, 1]: safe for logarithms. */
  public double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound), without modulo bias (Lemire). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long l = m & 0xffffffffL;
    if (l < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (l < threshold) {
        m = (nextLong() >>> 32) * bound;
        l = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  public boolean nextBoolean(double probability) {
    return nextDouble() < probability;
  }

  /** Exponential with the given mean. */
  public double exponential(double mean) {
    return -mean * Math.log(nextOpenDouble());
  }

  /** Standard normal (Marsaglia polar method). */
  public double standardNormal() {
    if (!Double.isNaN(spareNormal)) {
      double v = spareNormal;
      spareNormal = Double.NaN;
      return v;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spareNormal = v * f;
    return u * f;
  }
}
