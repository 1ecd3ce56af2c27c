package io.fluxrp.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Role grants carried by a token of the embedded issuer: claim {@value #CLAIM}, an array of {@code
 * "<Role>:<scope>"} strings such as {@code "Contributor:/subscriptions/s1/resourceGroups/rg1"} or
 * {@code "Reader:/"} (everything).
 */
public final class TokenGrants {

  /** The claim's name. */
  public static final String CLAIM = "fluxrp_grants";

  /** More entries than this make the claim malformed. */
  static final int MAX_GRANTS = 64;

  private static final int MAX_SCOPE_LENGTH = 1024;
  private static final Pattern SCOPE = Pattern.compile("/|(/[^/\\s\\p{Cntrl}]+)+");

  private TokenGrants() {}

  /** The claim value for {@code grants}. */
  public static List<String> encode(List<RoleGrant> grants) {
    return grants.stream().map(g -> g.role().wire() + ":" + g.scope()).toList();
  }

  /**
   * The grants of a claim value ({@code null}: none).
   *
   * @throws IllegalArgumentException when it is not an array of well-formed entries
   */
  public static List<RoleGrant> decode(Object claim) {
    if (claim == null) {
      return List.of();
    }
    if (!(claim instanceof List<?> entries) || entries.size() > MAX_GRANTS) {
      throw new IllegalArgumentException("not an array of at most " + MAX_GRANTS + " strings");
    }
    List<RoleGrant> grants = new ArrayList<>(entries.size());
    for (Object entry : entries) {
      if (!(entry instanceof String s)) {
        throw new IllegalArgumentException("not an array of strings");
      }
      grants.add(parse(s));
    }
    return List.copyOf(grants);
  }

  /**
   * One entry, {@code "<Role>:<scope>"}.
   *
   * @throws IllegalArgumentException when the role is unknown or the scope not an id prefix
   */
  public static RoleGrant parse(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("a grant is '<Role>:<scope>'");
    }
    Role role = Role.fromWire(entry.substring(0, colon));
    return new RoleGrant(role, checkScope(entry.substring(colon + 1)));
  }

  /**
   * {@code scope} if it is {@code /} or an ARM id prefix ({@code /segment/segment...}, no empty
   * segment, no whitespace).
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkScope(String scope) {
    if (scope.length() > MAX_SCOPE_LENGTH || !SCOPE.matcher(scope).matches()) {
      throw new IllegalArgumentException(
          "a scope is '/' or an ARM id prefix such as /subscriptions/s1/resourceGroups/rg1");
    }
    return scope;
  }
}
