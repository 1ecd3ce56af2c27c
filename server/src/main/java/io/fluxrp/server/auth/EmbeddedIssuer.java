package io.fluxrp.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token issuer of the embedded default: an RS256 (RSA-2048, PKCS#1 v1.5 with SHA-256) signing
 * key kept in {@code <dataDir>/embedded-issuer.jwk}, created on first use with mode 0600. It mints
 * tokens ({@code fluxrp token}, the admin token printed by {@code serve}) and, as a {@link
 * TrustedIssuer}, checks them.
 *
 * <p>RS256 rather than ES256 because verification runs on every request and signing almost never:
 * measured with the JDK providers through Nimbus, an RS256 check costs about 50-65 us against about
 * 450 us for ES256 (P-256 verify), while the RSA costs (about 50 ms to generate the key once per
 * data directory, about 1.4 ms per minted token, 500-byte tokens) do not matter here. It is also
 * what Entra ID signs with, so the configured OIDC issuers added later verify the same way.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedIssuer implements TrustedIssuer {

  /** {@code iss} of the embedded issuer's tokens. */
  public static final String ISSUER = "https://fluxrp.local/embedded-issuer";

  /** {@code aud} of the embedded issuer's tokens, the audience fluxrp accepts from it. */
  public static final String AUDIENCE = "fluxrp";

  /** The signature algorithm, the only one accepted for this issuer. */
  public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

  /** Size of a generated key; smaller stored keys are refused. */
  public static final int KEY_SIZE = 2048;

  /** Name of the key file in the data directory. */
  public static final String KEY_FILE = "embedded-issuer.jwk";

  /** Object id of the local administrator ({@code oid} and {@code sub} of its tokens). */
  public static final String ADMIN_ID = "00000000-0000-0000-0000-000000000001";

  /** What {@code systemData.createdBy} shows for the local administrator. */
  public static final String ADMIN_NAME = "admin@fluxrp.local";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedIssuer.class);
  private static final Set<String> AUDIENCES = Set.of(AUDIENCE);

  private final RSAKey key;
  private final RSAKey publicKey;
  private final String keyId;
  private final JWSSigner signer;
  private final JWSVerifier verifier;
  private final Clock clock;

  EmbeddedIssuer(RSAKey key, Clock clock) {
    if (!usable(key)) {
      throw new IllegalArgumentException(
          "the embedded issuer needs a private RSA key of at least " + KEY_SIZE + " bits");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      String kid = key.getKeyID();
      if (kid == null || kid.isBlank()) {
        kid = key.computeThumbprint().toString();
        key = new RSAKey.Builder(key).keyID(kid).build();
      }
      this.key = key;
      this.keyId = kid;
      this.publicKey = key.toPublicJWK();
      this.signer = new RSASSASigner(key);
      this.verifier = new RSASSAVerifier(publicKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable embedded issuer key: " + e.getMessage(), e);
    }
  }

  /** A new issuer with a fresh key that is not stored anywhere (tests). */
  public static EmbeddedIssuer generate(Clock clock) {
    return new EmbeddedIssuer(newKey(), clock);
  }

  /** {@link #loadOrCreate(Path, Clock)} with the system clock. */
  public static EmbeddedIssuer loadOrCreate(Path dataDir) {
    return loadOrCreate(dataDir, Clock.systemUTC());
  }

  /**
   * The issuer whose key is in {@code <dataDir>/embedded-issuer.jwk}; creates the directory and the
   * key (mode 0600, written atomically) when they do not exist yet. Concurrent first calls, also
   * from different processes, end up with the same key.
   *
   * @throws UncheckedIOException when the directory or key file cannot be created or read
   * @throws IllegalStateException when the key file exists but does not hold a usable key
   */
  public static EmbeddedIssuer loadOrCreate(Path dataDir, Clock clock) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(KEY_FILE);
    try {
      PrivateFiles.createDirectory(dir);
      if (!Files.exists(file)) {
        RSAKey fresh = newKey();
        if (PrivateFiles.createIfAbsent(
            file, fresh.toJSONString().getBytes(StandardCharsets.UTF_8))) {
          log.info("created the embedded token issuer's signing key in {}", file);
        }
      }
      return new EmbeddedIssuer(read(file), clock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use data directory " + dir + ": " + PrivateFiles.describe(e, dir), e);
    }
  }

  /**
   * A signed token for {@code subject}, valid from now for {@code ttl}.
   *
   * @param subject stable id ({@code sub} and {@code oid})
   * @param displayName {@code upn}/{@code unique_name} of a user, {@code appid} of an application
   * @param type {@link PrincipalType#User} or {@link PrincipalType#Application}
   */
  public String mint(String subject, String displayName, PrincipalType type, Duration ttl) {
    return mint(subject, displayName, type, ttl, List.of());
  }

  /**
   * {@link #mint(String, String, PrincipalType, Duration)} with role grants in claim {@value
   * TokenGrants#CLAIM} (none: no claim).
   */
  public String mint(
      String subject,
      String displayName,
      PrincipalType type,
      Duration ttl,
      List<RoleGrant> grants) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(displayName, "displayName");
    if (subject.isBlank() || displayName.isBlank()) {
      throw new IllegalArgumentException("subject and display name must not be blank");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive: " + ttl);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .claim("oid", subject)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    switch (type) {
      case User ->
          claims.claim("idtyp", "user").claim("upn", displayName).claim("unique_name", displayName);
      case Application -> claims.claim("idtyp", "app").claim("appid", displayName);
      default -> throw new IllegalArgumentException("cannot mint a token for a " + type);
    }
    if (!grants.isEmpty()) {
      claims.claim(TokenGrants.CLAIM, TokenGrants.encode(grants));
    }
    return sign(claims.build());
  }

  /** A token for the local administrator ({@link #ADMIN_ID}, {@link #ADMIN_NAME}). */
  public String mintAdmin(Duration ttl) {
    return mint(ADMIN_ID, ADMIN_NAME, PrincipalType.User, ttl);
  }

  /** Signs any claims with this issuer's key and header (tests build unusual tokens with it). */
  String sign(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  @Override
  public String issuer() {
    return ISSUER;
  }

  @Override
  public Set<String> audiences() {
    return AUDIENCES;
  }

  @Override
  public boolean grantsRoles() {
    return true;
  }

  @Override
  public void verifySignature(SignedJWT jwt) throws Rejected {
    JWSHeader header = jwt.getHeader();
    if (!ALGORITHM.equals(header.getAlgorithm())) {
      String alg = header.getAlgorithm().getName();
      throw new Rejected(
          "unsupported signature algorithm"
              + (alg.length() <= 16 ? " " + alg : "")
              + " (expected "
              + ALGORITHM
              + ")");
    }
    if (!keyId.equals(header.getKeyID())) {
      throw new Rejected("unknown signing key");
    }
    boolean valid;
    try {
      valid = jwt.verify(verifier);
    } catch (JOSEException | IllegalStateException e) {
      valid = false;
    }
    if (!valid) {
      throw new Rejected("bad signature");
    }
  }

  /** The {@code kid} of the signing key (its RFC 7638 thumbprint). */
  public String keyId() {
    return keyId;
  }

  /** The public half of the signing key, as it would appear in a JWKS. */
  public JWK publicJwk() {
    return publicKey;
  }

  /** The clock tokens are minted with. */
  public Clock clock() {
    return clock;
  }

  /** The same key with another clock (tests move time instead of sleeping). */
  public EmbeddedIssuer withClock(Clock newClock) {
    return new EmbeddedIssuer(key, newClock);
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(KEY_SIZE)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(ALGORITHM)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key: " + e.getMessage(), e);
    }
  }

  private static boolean usable(JWK jwk) {
    return jwk instanceof RSAKey rsa && rsa.isPrivate() && rsa.size() >= KEY_SIZE;
  }

  private static RSAKey read(Path file) throws IOException {
    warnIfReadableByOthers(file);
    String json = Files.readString(file, StandardCharsets.UTF_8);
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException(file + " is not a valid JWK: " + e.getMessage(), e);
    }
    if (!usable(jwk)) {
      throw new IllegalStateException(
          file + " does not hold a private RSA key of at least " + KEY_SIZE + " bits");
    }
    return (RSAKey) jwk;
  }

  private static void warnIfReadableByOthers(Path file) {
    try {
      PrivateFiles.looseMode(file)
          .ifPresent(
              mode ->
                  log.warn("{} is accessible by others (mode {}); it should be 600", file, mode));
    } catch (IOException e) {
      // the read that follows reports the problem
    }
  }
}
