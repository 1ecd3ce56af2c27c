package io.fluxrp.server.auth;

/**
 * Turns the {@code Authorization} header of a request into a principal. Implementations throw an
 * {@link io.fluxrp.model.arm.ArmException} with {@code InvalidAuthenticationToken} or {@code
 * ExpiredAuthenticationToken} (401) when the header is missing or the token is not acceptable.
 */
public interface Authenticator {
  Principal authenticate(String authorizationHeader);
}
