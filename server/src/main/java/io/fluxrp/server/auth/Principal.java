package io.fluxrp.server.auth;

import java.util.List;

/**
 * Who is calling, as established from the bearer token.
 *
 * @param id stable identifier (Entra {@code oid}, else {@code sub})
 * @param displayName what {@code systemData.createdBy} shows (UPN, app id, or the id)
 * @param type User or Application (ARM {@code createdByType})
 * @param tokenGrants roles the token itself carries: only tokens of the embedded issuer (the
 *     server's own key) may carry any; role assignments stored by the server add to them
 */
public record Principal(
    String id, String displayName, PrincipalType type, List<RoleGrant> tokenGrants) {

  public Principal {
    tokenGrants = tokenGrants == null ? List.of() : List.copyOf(tokenGrants);
  }

  public Principal(String id, String displayName, PrincipalType type) {
    this(id, displayName, type, List.of());
  }
}
