package io.fluxrp.server.auth;

import java.util.Locale;

/**
 * A role on a scope: {@code /} (everything), {@code /subscriptions/x}, {@code
 * /subscriptions/x/resourceGroups/y} or any deeper ARM id prefix.
 */
public record RoleGrant(Role role, String scope) {

  /** Whether this grant's scope contains {@code resourceId} (case-insensitive, whole segments). */
  public boolean covers(String resourceId) {
    if (scope.equals("/")) {
      return true;
    }
    String s = scope.toLowerCase(Locale.ROOT);
    String id = resourceId.toLowerCase(Locale.ROOT);
    return id.equals(s) || id.startsWith(s.endsWith("/") ? s : s + "/");
  }
}
