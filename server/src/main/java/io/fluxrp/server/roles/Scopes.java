package io.fluxrp.server.roles;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scopes a role can be assigned on: {@code /}, {@code /subscriptions/{id}}, {@code
 * /subscriptions/{id}/resourceGroups/{name}} or any deeper ARM id prefix. Segments follow ARM's
 * resource-name rule (no {@code <>%&:\?}, no control characters, at most 260 characters), so no
 * segment of a scope can pretend to be two.
 */
public final class Scopes {
  public static final String ROOT = "/";
  static final int MAX_LENGTH = 2048;
  private static final int MAX_SEGMENT = 260;
  private static final Pattern FORBIDDEN = Pattern.compile("[<>%&:\\\\?\\p{Cntrl}]");

  private Scopes() {}

  /** The scope without a trailing slash; a message saying what is wrong when it is not one. */
  public static String normalize(String scope) {
    String s = scope.strip();
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    Optional<String> problem = problem(s);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return s;
  }

  private static Optional<String> problem(String s) {
    if (s.equals(ROOT)) {
      return Optional.empty();
    }
    if (!s.startsWith("/") || s.length() > MAX_LENGTH) {
      return Optional.of(
          "The scope must be '/' or an ARM id prefix such as /subscriptions/{id} of at most "
              + MAX_LENGTH
              + " characters.");
    }
    List<String> segments = List.of(s.substring(1).split("/", -1));
    for (String segment : segments) {
      if (segment.isEmpty()
          || segment.length() > MAX_SEGMENT
          || FORBIDDEN.matcher(segment).find()) {
        return Optional.of(
            "The scope has an empty segment, one longer than 260 characters or one with"
                + " <>%&:\\? or control characters.");
      }
    }
    if (!segments.get(0).equalsIgnoreCase("subscriptions") || segments.size() < 2) {
      return Optional.of("The scope must be '/' or start with /subscriptions/{subscriptionId}.");
    }
    if (segments.size() >= 3 && !segments.get(2).equalsIgnoreCase("resourceGroups")) {
      return Optional.of(
          "Below a subscription, the scope continues with /resourceGroups/{resourceGroupName}.");
    }
    if (segments.size() == 3) {
      return Optional.of("The scope names the resource group after /resourceGroups.");
    }
    return Optional.empty();
  }
}
