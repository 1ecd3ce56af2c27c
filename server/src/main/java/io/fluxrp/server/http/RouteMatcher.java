package io.fluxrp.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request path against a template such as {@code
 * /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/...}: literal segments compare
 * case-insensitively (ARM paths do), {@code {name}} segments capture one percent-decoded segment.
 */
public final class RouteMatcher {
  private final List<String> segments;

  public RouteMatcher(String template) {
    this.segments = split(template);
  }

  public Optional<Map<String, String>> match(List<String> pathSegments) {
    if (pathSegments.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String expected = segments.get(i);
      String actual = pathSegments.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        params.put(expected.substring(1, expected.length() - 1), actual);
      } else if (!expected.equalsIgnoreCase(actual)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** Splits a raw path into decoded segments; a trailing slash is ignored. */
  public static List<String> segmentsOf(String rawPath) {
    List<String> decoded = new ArrayList<>();
    for (String raw : split(rawPath)) {
      decoded.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return decoded;
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
