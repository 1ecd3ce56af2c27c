package io.fluxrp.server.roles;

import io.fluxrp.server.auth.Role;
import io.fluxrp.server.auth.RoleGrant;
import java.time.Instant;

/**
 * A stored role assignment, also its wire shape in the admin API: {@code principalId} holds {@code
 * role} over {@code scope}.
 *
 * @param id chosen by the client, lower-cased
 * @param scope {@code /} or an ARM id prefix, without a trailing slash
 */
public record RoleAssignment(
    String id, String principalId, String scope, Role role, Instant createdAt) {

  public RoleGrant grant() {
    return new RoleGrant(role, scope);
  }

  /** Same principal, role and scope (scopes compare case-insensitively). */
  public boolean sameGrant(RoleAssignment other) {
    return principalId.equals(other.principalId)
        && role == other.role
        && scope.equalsIgnoreCase(other.scope);
  }

  /** An Owner of everything: the assignments the last-Owner rule keeps. */
  public boolean rootOwner() {
    return role == Role.OWNER && scope.equals("/");
  }
}
