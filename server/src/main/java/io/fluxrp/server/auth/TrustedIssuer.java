package io.fluxrp.server.auth;

import com.nimbusds.jwt.SignedJWT;
import java.util.Set;

/**
 * One token issuer whose bearer tokens {@link TokenAuthenticator} accepts. The embedded issuer is
 * one; configured OIDC issuers (JWKS, Entra ID) are added as further implementations.
 *
 * <p>{@link TokenAuthenticator} does the checks common to every issuer (parsing, issuer selection,
 * audience, expiry, not-before, claims to principal); an implementation only knows its issuer id,
 * its audiences and how to check a signature.
 */
public interface TrustedIssuer {

  /** The {@code iss} value of this issuer's tokens. */
  String issuer();

  /** Whether this issuer is the one named by a token's {@code iss} claim. */
  default boolean issues(String iss) {
    return issuer().equals(iss);
  }

  /** The {@code aud} values accepted for this issuer's tokens (a token must name at least one). */
  Set<String> audiences();

  /**
   * Whether role grants in this issuer's tokens ({@code fluxrp_grants}) count. Only the server's
   * own key may grant roles: a grant claim in any other issuer's token is ignored.
   */
  default boolean grantsRoles() {
    return false;
  }

  /**
   * Checks that the token is signed with an algorithm and key of this issuer and that the signature
   * is right. Must be cheap: it runs on every request.
   *
   * @throws Rejected with a short reason (never containing the token) when it is not
   */
  void verifySignature(SignedJWT jwt) throws Rejected;

  /** A token refused by an issuer, with a short reason that is safe to show to the caller. */
  final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    public Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
