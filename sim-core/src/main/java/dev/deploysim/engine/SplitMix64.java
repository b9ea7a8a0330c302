package dev.deploysim.engine;

/** SplitMix64 mixing, used to derive independent seeds. */
public final class SplitMix64 {
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  /** The SplitMix64 finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Stable 64-bit hash of a name (FNV-1a over UTF-16 units, then mixed). */
  public static long hash(String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }
}
