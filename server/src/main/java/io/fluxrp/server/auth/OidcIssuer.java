package io.fluxrp.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured OIDC issuer (Entra ID or any other): its exact {@code iss}, accepted audiences and
 * signing keys from a JWKS URL or file.
 *
 * <p>A token's {@code kid} picks the key; a token without {@code kid} is checked with the only
 * usable key when there is exactly one. Only the asymmetric algorithms of {@link
 * SigningKey#ALGORITHMS} that the key allows are accepted (never HMAC, never {@code none}). An
 * unknown {@code kid} reloads the JWKS, at most once per {@link #REFRESH_INTERVAL} (key rotation);
 * a reload that fails keeps the last good keys. Nothing of a token is ever logged.
 *
 * <p>Thread-safe: the key list is replaced as a whole; reloads are serialized.
 */
public final class OidcIssuer implements TrustedIssuer {

  /** At most one JWKS load per this interval, whatever the tokens ask for. */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(OidcIssuer.class);

  private final String issuer;
  private final Set<String> audiences;
  private final JwksSource source;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Object loadLock = new Object();
  private volatile List<SigningKey> keys = List.of();
  private Instant lastLoad; // guarded by loadLock

  OidcIssuer(
      String issuer,
      Set<String> audiences,
      JwksSource source,
      Clock clock,
      Duration refreshInterval) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("an OIDC issuer needs its iss value");
    }
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
  }

  /**
   * The issuer of {@code settings}, with its keys loaded once. A JWKS URL that cannot be fetched
   * now is logged and tried again when a token needs it; a JWKS file that cannot be read fails.
   *
   * @throws IllegalStateException when the JWKS file cannot be read or holds no usable key
   * @throws IllegalArgumentException when the settings are not usable
   */
  public static OidcIssuer start(OidcIssuerSettings settings, Clock clock) {
    JwksSource source = JwksSource.of(settings.jwks());
    OidcIssuer oidc =
        new OidcIssuer(
            settings.issuer(), Set.copyOf(settings.audiences()), source, clock, REFRESH_INTERVAL);
    String failure = oidc.load();
    if (failure != null && source instanceof JwksSource.File) {
      throw new IllegalStateException(
          "cannot use the JWKS of OIDC issuer " + settings.issuer() + ": " + failure);
    }
    return oidc;
  }

  @Override
  public String issuer() {
    return issuer;
  }

  @Override
  public Set<String> audiences() {
    return audiences;
  }

  @Override
  public void verifySignature(SignedJWT jwt) throws Rejected {
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!SigningKey.ALGORITHMS.contains(alg)) {
      String name = alg.getName();
      throw new Rejected(
          "unsupported signature algorithm" + (name.length() <= 16 ? " " + name : ""));
    }
    String kid = header.getKeyID();
    SigningKey key = select(kid, alg);
    if (key == null) {
      reloadIfDue();
      key = select(kid, alg);
    }
    if (key == null) {
      throw new Rejected("unknown signing key");
    }
    if (!key.allows(alg)) {
      throw new Rejected("the signing key does not allow " + alg.getName());
    }
    if (!key.verifies(jwt)) {
      throw new Rejected("bad signature");
    }
  }

  /** The {@code kid}s of the keys in use now (tests, diagnostics). */
  List<String> keyIds() {
    return keys.stream().map(SigningKey::kid).toList();
  }

  /** The key named {@code kid}; without kid, the only key that allows {@code alg}, if one. */
  private SigningKey select(String kid, JWSAlgorithm alg) {
    List<SigningKey> current = keys;
    if (kid != null) {
      List<SigningKey> named = current.stream().filter(k -> kid.equals(k.kid())).toList();
      return named.stream()
          .filter(k -> k.allows(alg))
          .findFirst()
          .orElse(named.stream().findFirst().orElse(null));
    }
    List<SigningKey> allowing = current.stream().filter(k -> k.allows(alg)).toList();
    return allowing.size() == 1 ? allowing.getFirst() : null;
  }

  /** Loads the JWKS unless it was loaded (or tried) less than the refresh interval ago. */
  private void reloadIfDue() {
    synchronized (loadLock) {
      Instant now = clock.instant();
      if (lastLoad != null && now.isBefore(lastLoad.plus(refreshInterval))) {
        return;
      }
      load();
    }
  }

  /**
   * Loads the JWKS now and, when that works, uses its keys.
   *
   * @return null, or why the keys could not be loaded (the previous keys stay in use)
   */
  String load() {
    synchronized (loadLock) {
      lastLoad = clock.instant();
      String failure;
      try {
        List<SigningKey> loaded = signingKeys(source.load());
        if (loaded.isEmpty()) {
          failure = "it has no usable signing key";
        } else {
          keys = loaded;
          log.info(
              "loaded {} signing key(s) of OIDC issuer {} from {}",
              loaded.size(),
              issuer,
              source.describe());
          return null;
        }
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
      log.warn(
          "cannot load the JWKS of OIDC issuer {} from {}: {}; keeping the {} key(s) loaded before",
          issuer,
          source.describe(),
          failure,
          keys.size());
      return failure;
    }
  }

  private static List<SigningKey> signingKeys(JWKSet set) {
    List<SigningKey> usable = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      JWK publicJwk = jwk.toPublicJWK(); // null for symmetric keys: never usable
      if (publicJwk != null) {
        SigningKey.of(publicJwk).ifPresent(usable::add);
      }
    }
    return List.copyOf(usable);
  }
}
