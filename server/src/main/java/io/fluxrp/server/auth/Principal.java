package io.fluxrp.server.auth;

/**
 * Who is calling, as established from the bearer token.
 *
 * @param id stable identifier (Entra {@code oid}, else {@code sub})
 * @param displayName what {@code systemData.createdBy} shows (UPN, app id, or the id)
 * @param type User or Application (ARM {@code createdByType})
 */
public record Principal(String id, String displayName, PrincipalType type) {}
