package io.fluxrp.model.schema;

import java.util.Locale;

/**
 * "Did you mean" for unknown property names: same letters ignoring case, or one or two edits away.
 */
final class Spelling {
  private Spelling() {}

  static boolean close(String known, String typed) {
    String a = known.toLowerCase(Locale.ROOT);
    String b = typed.toLowerCase(Locale.ROOT);
    if (a.equals(b)) {
      return true;
    }
    if (Math.abs(a.length() - b.length()) > 2) {
      return false;
    }
    return distance(a, b) <= Math.max(1, Math.min(2, a.length() / 6));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
