package dev.deploysim.load;

import java.util.Collection;
import java.util.Locale;

/**
 * Guesses what a misspelt name meant: the closest candidate by Damerau-Levenshtein distance
 * (optimal string alignment: insertions, deletions, substitutions and swaps of neighbours each
 * cost 1), compared without case. A candidate qualifies when it is at most 2 edits away (and
 * fewer edits than the word has letters) or when one name is a prefix of the other.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /** The best guess among {@code candidates}, or null when none is close. */
  public static String suggest(String word, Collection<String> candidates) {
    if (word == null || word.isEmpty()) {
      return null;
    }
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = distance(w, lc);
      int score;
      if (d <= 2 && d < w.length()) {
        score = d;
      } else if (w.length() >= 2 && (lc.startsWith(w) || w.startsWith(lc))) {
        score = 3 + Math.abs(lc.length() - w.length()); // prefixes rank behind close spellings
      } else {
        continue;
      }
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  /** "did you mean 'x'?" or null. */
  public static String hint(String word, Collection<String> candidates) {
    String s = suggest(word, candidates);
    return s == null ? null : "did you mean '" + s + "'?";
  }

  /** Optimal string alignment distance. */
  public static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
