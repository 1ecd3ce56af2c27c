package io.fluxrp.server.roles;

import io.fluxrp.server.auth.Authorizer;
import io.fluxrp.server.auth.Permission;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.auth.RoleGrant;
import java.util.List;

/**
 * Role-based authorization: a request is allowed when one of the principal's grants covers its
 * scope with a role that allows its action. The grants are those the token carries plus the stored
 * role assignments, read on every request, so a change applies to the next request.
 */
public final class RoleAuthorizer implements Authorizer {
  private final RoleAssignments assignments;

  public RoleAuthorizer(RoleAssignments assignments) {
    this.assignments = assignments;
  }

  @Override
  public void authorize(Principal principal, Permission permission) {
    if (allows(principal.tokenGrants(), permission)
        || allows(assignments.grantsOf(principal.id()), permission)) {
      return;
    }
    throw Authorizer.refusal(principal, permission);
  }

  static boolean allows(List<RoleGrant> grants, Permission permission) {
    return grants.stream()
        .anyMatch(g -> g.role().allows(permission.action()) && g.covers(permission.scope()));
  }
}
