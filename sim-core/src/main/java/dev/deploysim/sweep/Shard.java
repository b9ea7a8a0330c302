package dev.deploysim.sweep;

/**
 * One of N deterministic slices of a sweep's runs ({@code --shard K/N}, K from 1 to N). The runs
 * are numbered point by point (run {@code u} is replication {@code u % R} of point {@code u / R},
 * R the replications per point), and shard K takes the contiguous runs
 * {@code [floor((K-1) U / N), floor(K U / N))} of the U in all: every run belongs to exactly one
 * shard, the shards differ in size by at most one run, and which runs a shard takes depends on
 * nothing but K, N and U.
 */
public record Shard(int index, int count) {
  /** The whole sweep as one shard. */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, got " + index + "/" + count);
    }
  }

  /** Parses {@code K/N}; throws {@link IllegalArgumentException} with a message for the user. */
  public static Shard parse(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]{1,9})\\s*/\\s*([0-9]{1,9})\\s*")
        .matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not K/N (the K-th of N shards, e.g. 1/4)");
    }
    int k = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || k < 1 || k > n) {
      throw new IllegalArgumentException("'" + text + "': K counts from 1 to N (1/" + Math.max(n, 1) + " .. "
          + Math.max(n, 1) + "/" + Math.max(n, 1) + ")");
    }
    return new Shard(k, n);
  }

  /** The first run of this shard, of {@code units} runs in all. */
  public long from(long units) {
    return Math.multiplyExact(units, (long) (index - 1)) / count;
  }

  /** One past the last run of this shard. */
  public long to(long units) {
    return Math.multiplyExact(units, (long) index) / count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
