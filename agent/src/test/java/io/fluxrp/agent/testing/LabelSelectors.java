package io.fluxrp.agent.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The label selector requirements the stock CRUD mock evaluates correctly: {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key} and {@code !key}. It silently ignores
 * anything else (set-based {@code in}/{@code notin}, spaces, empty values) and returns every
 * object, so the test server rejects those instead.
 */
final class LabelSelectors {

  private static final String KEY = "[a-zA-Z0-9-_./]+";
  private static final String VALUE = "[a-zA-Z0-9-_.]+";
  private static final Pattern SUPPORTED =
      Pattern.compile("!?" + KEY + "|" + KEY + "(==|=|!=)" + VALUE);

  private LabelSelectors() {}

  /** The first requirement of {@code selector} the test server cannot evaluate, if any. */
  static Optional<String> unsupportedRequirement(String selector) {
    return requirements(selector).stream()
        .filter(requirement -> !SUPPORTED.matcher(requirement).matches())
        .findFirst();
  }

  /** Splits on the commas between requirements, not those inside a set such as {@code (a,b)}. */
  private static List<String> requirements(String selector) {
    List<String> requirements = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        requirements.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    requirements.add(selector.substring(start));
    return requirements;
  }
}
