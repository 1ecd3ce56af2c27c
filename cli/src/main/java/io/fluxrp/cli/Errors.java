package io.fluxrp.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Exceptions as the one line a user sees. */
final class Errors {
  private Errors() {}

  /**
   * The messages of {@code e} and its causes, joined by {@code ": "}, without repeats and on one
   * line (a message contained in one already taken, or ending with one, is left out). The message
   * of one of fluxrp's own exceptions ({@link CliException}, the store's) stands alone: it already
   * says what went wrong, and its causes only repeat it in a driver's words.
   */
  static String oneLine(Throwable e) {
    if (e.getClass().getName().startsWith("io.fluxrp.")) {
      return flatten(e.getMessage());
    }
    List<String> parts = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) {
        continue;
      }
      String m = flatten(message);
      // a cause its wrapper already says, or a wrapper that only prefixes a kept message: skip
      if (parts.stream().noneMatch(kept -> kept.contains(m) || m.endsWith(kept))) {
        parts.add(m);
      }
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
  }

  /** The first {@code type} in the cause chain of {@code e}. */
  static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static String flatten(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
