package io.fluxrp.server.auth;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.Optional;
import java.util.Set;

/**
 * One public key of a JWKS that can check token signatures: RSA of at least 2048 bits (RS256,
 * RS384, RS512, PS256, PS384, PS512) or EC on P-256 (ES256) or P-384 (ES384), with {@code use}
 * absent or {@code sig}. Symmetric keys are never usable, so HMAC algorithms never verify.
 */
record SigningKey(String kid, JWK jwk, JWSVerifier verifier) {

  /** Every algorithm a configured OIDC issuer's token may be signed with. */
  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384);

  private static final int MIN_RSA_BITS = 2048;

  /** The key as a signing key, or empty when it cannot be one. */
  static Optional<SigningKey> of(JWK jwk) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      return Optional.empty();
    }
    try {
      if (jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
        return Optional.of(
            new SigningKey(jwk.getKeyID(), jwk, new RSASSAVerifier(rsa.toRSAPublicKey())));
      }
      if (jwk instanceof ECKey ec && (isCurve(ec, Curve.P_256) || isCurve(ec, Curve.P_384))) {
        return Optional.of(
            new SigningKey(jwk.getKeyID(), jwk, new ECDSAVerifier(ec.toECPublicKey())));
      }
    } catch (JOSEException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether this key may check a signature made with {@code alg}. */
  boolean allows(JWSAlgorithm alg) {
    Algorithm declared = jwk.getAlgorithm();
    if (declared != null && !declared.getName().equals(alg.getName())) {
      return false;
    }
    if (jwk instanceof RSAKey) {
      return JWSAlgorithm.Family.RSA.contains(alg);
    }
    ECKey ec = (ECKey) jwk;
    return JWSAlgorithm.ES256.equals(alg) && isCurve(ec, Curve.P_256)
        || JWSAlgorithm.ES384.equals(alg) && isCurve(ec, Curve.P_384);
  }

  /** Whether the token's signature is right for this key (its algorithm already allowed). */
  boolean verifies(SignedJWT jwt) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException | IllegalStateException e) {
      return false;
    }
  }

  private static boolean isCurve(ECKey ec, Curve curve) {
    return curve.equals(ec.getCurve());
  }
}
