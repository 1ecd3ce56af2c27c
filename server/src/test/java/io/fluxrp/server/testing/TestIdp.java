package io.fluxrp.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** An Entra-like identity provider for tests: RSA keys, and tokens signed with them. */
public final class TestIdp {
  /** An Entra ID v2.0 issuer of a made-up tenant. */
  public static final String TENANT = "0b0c1d2e-0000-4000-8000-00000000a1b2";

  public static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
  public static final String AUDIENCE = "api://fluxrp";

  private final Clock clock;

  public TestIdp(Clock clock) {
    this.clock = clock;
  }

  /** A new RS256 signing key with this kid (about 100 ms: generate once per test class). */
  public static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a user token of {@link #ISSUER} for {@link #AUDIENCE}, valid for an hour. */
  public JWTClaimsSet.Builder userClaims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("sub-of-alice")
        .claim("oid", "11111111-2222-3333-4444-555555555555")
        .claim("tid", TENANT)
        .claim("preferred_username", "alice@contoso.example")
        .claim("azp", "04b07795-8ddb-461a-bbee-02f9e1bf7b46")
        .claim("idtyp", "user")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  /** {@code claims} signed RS256 with {@code key}, its kid in the header. */
  public static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      return sign(
          new JWSHeader.Builder(JWSAlgorithm.RS256)
              .type(JOSEObjectType.JWT)
              .keyID(key.getKeyID())
              .build(),
          new RSASSASigner(key),
          claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} with this header, signed by {@code signer}. */
  public static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
