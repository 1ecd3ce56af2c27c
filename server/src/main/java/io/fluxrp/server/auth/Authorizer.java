package io.fluxrp.server.auth;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;

/**
 * Decides whether a principal may do what a request asks. Implementations throw an {@link
 * ArmException} with {@code AuthorizationFailed} (403) when it may not.
 */
public interface Authorizer {
  void authorize(Principal principal, Permission permission);

  /**
   * The refusal ARM gives: names the client, its object id, the operation and the scope. Says
   * nothing about which grants the principal has.
   */
  static ArmException refusal(Principal who, Permission permission) {
    return new ArmException(
        ArmErrorCode.AUTHORIZATION_FAILED,
        "The client '"
            + who.displayName()
            + "' with object id '"
            + who.id()
            + "' does not have authorization to perform action '"
            + permission.operation()
            + "' over scope '"
            + permission.scope()
            + "'.");
  }
}
