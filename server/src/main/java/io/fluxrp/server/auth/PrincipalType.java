package io.fluxrp.server.auth;

/** ARM {@code createdByType}: what kind of identity a principal is. */
public enum PrincipalType {
  User,
  Application,
  ManagedIdentity,
  Key
}
