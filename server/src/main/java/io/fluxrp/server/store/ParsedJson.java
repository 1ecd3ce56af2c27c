package io.fluxrp.server.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The records read from recently seen JSON column values, keyed by the exact text: reading the
 * reported status into records was a tenth of a GET's cost in the profile (`BENCHMARKS.md`), and a
 * row is read many times between two changes. Comparing the text is far cheaper than parsing it.
 * Only for record types nobody modifies (callers share the result). At most {@link #CAPACITY}
 * entries, then the memory starts afresh.
 */
final class ParsedJson<T> {
  static final int CAPACITY = 1_024;

  /** Longer values are parsed every time rather than kept. */
  static final int MAX_KEPT_LENGTH = 64 * 1024;

  private final ConcurrentHashMap<String, T> parsed = new ConcurrentHashMap<>();
  private final Class<T> type;
  private final String column;

  ParsedJson(Class<T> type, String column) {
    this.type = type;
    this.column = column;
  }

  /** The value of {@code json} (null for SQL NULL). */
  T read(String json) {
    if (json == null) {
      return null;
    }
    T known = parsed.get(json);
    if (known != null) {
      return known;
    }
    T value = JdbcColumns.fromJson(json, type, column);
    if (json.length() <= MAX_KEPT_LENGTH) {
      if (parsed.size() >= CAPACITY) {
        parsed.clear();
      }
      parsed.put(json, value);
    }
    return value;
  }

  int size() {
    return parsed.size();
  }
}
