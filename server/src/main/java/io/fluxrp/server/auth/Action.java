package io.fluxrp.server.auth;

/** What a request does, for authorization. */
public enum Action {
  /** GET, LIST, operation status. */
  READ,
  /** PUT, PATCH, DELETE of Flux configurations. */
  WRITE,
  /** Role assignments and cluster registration (the admin API). */
  MANAGE
}
