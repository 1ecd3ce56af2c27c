package io.fluxrp.server.auth;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.clusters.AgentCredentials;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates {@code Authorization: Bearer <jwt>} against the trusted issuers: only their algorithm,
 * key and signature, then {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} with
 * {@link #CLOCK_SKEW}. Maps the claims to a {@link Principal} the way Entra ID tokens are read.
 *
 * <p>Refusals are 401 {@link ArmErrorCode#INVALID_AUTHENTICATION_TOKEN} (or {@link
 * ArmErrorCode#EXPIRED_AUTHENTICATION_TOKEN}) carrying a {@code WWW-Authenticate: Bearer} header
 * (RFC 6750). Messages never contain the token. A verified token is remembered for a few minutes
 * ({@link VerifiedTokens}); audience, expiry and not-before are checked on every request.
 * Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {

  /** How far the clocks of issuer and server may disagree for {@code exp} and {@code nbf}. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** The {@code realm} of the {@code WWW-Authenticate} challenge. */
  public static final String REALM = "fluxrp";

  /** Longer values are refused before parsing (Entra tokens with many groups stay well below). */
  static final int MAX_TOKEN_LENGTH = 32 * 1024;

  private static final String BEARER = "bearer";
  private static final List<String> USER_NAME_CLAIMS =
      List.of("upn", "unique_name", "preferred_username", "email");
  private static final List<String> APP_ID_CLAIMS = List.of("appid", "azp");

  private final List<TrustedIssuer> issuers;
  private final Clock clock;
  private final VerifiedTokens verified;

  /** Accepts the embedded issuer's tokens, with time taken from its clock. */
  public TokenAuthenticator(EmbeddedIssuer issuer) {
    this(List.of(issuer), issuer.clock());
  }

  /**
   * Accepts tokens of any of {@code issuers}.
   *
   * @param clock the time {@code exp} and {@code nbf} are compared with
   */
  public TokenAuthenticator(List<? extends TrustedIssuer> issuers, Clock clock) {
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted issuer is needed");
    }
    Set<String> seen = new HashSet<>();
    for (TrustedIssuer issuer : issuers) {
      if (!seen.add(issuer.issuer())) {
        throw new IllegalArgumentException("issuer configured twice: " + issuer.issuer());
      }
    }
    this.issuers = List.copyOf(issuers);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verified = new VerifiedTokens(clock);
  }

  @Override
  public Principal authenticate(String authorizationHeader) {
    String token = bearerToken(authorizationHeader);
    VerifiedTokens.Verified valid = validate(token);
    return valid.principal();
  }

  /** The principal of verified claims, with the roles the token grants when its issuer may. */
  private static Principal principalOf(TrustedIssuer issuer, JWTClaimsSet claims) {
    Principal who = principalOf(claims);
    if (!issuer.grantsRoles()) {
      return who;
    }
    return new Principal(who.id(), who.displayName(), who.type(), grantsOf(claims));
  }

  /** The {@value TokenGrants#CLAIM} claim of a token whose issuer may grant roles. */
  private static List<RoleGrant> grantsOf(JWTClaimsSet claims) {
    try {
      return TokenGrants.decode(claims.getClaim(TokenGrants.CLAIM));
    } catch (IllegalArgumentException e) {
      throw invalid("malformed " + TokenGrants.CLAIM + " claim");
    }
  }

  static String bearerToken(String header) {
    if (header == null || header.isBlank()) {
      throw challenge(
          "The request has no access token: send 'Authorization: Bearer <token>' (fluxrp token prints"
              + " one).");
    }
    String value = header.strip();
    int space = indexOfWhitespace(value);
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.toLowerCase(Locale.ROOT).equals(BEARER)) {
      // RFC 6750 3.1: an unsupported scheme is answered like a missing token, without error code
      throw challenge(
          "The Authorization header is not a Bearer token: send 'Authorization: Bearer <token>'.");
    }
    String token = space < 0 ? "" : value.substring(space).strip();
    if (token.isEmpty()) {
      throw invalid("the Bearer token is empty");
    }
    return token;
  }

  private VerifiedTokens.Verified validate(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw invalid("the token is too long");
    }
    if (indexOfWhitespace(token) >= 0) {
      throw invalid("malformed JWT");
    }
    if (AgentCredentials.looksLikeCredential(token)) {
      throw invalid("agent credentials are accepted only by the agent API (/agent/v1)");
    }
    VerifiedTokens.Verified valid = verified.recall(token);
    if (valid != null) {
      checkAudienceAndTime(valid.issuer(), valid.claims());
      return valid;
    }
    valid = verify(token);
    verified.remember(token, valid);
    return valid;
  }

  /** Parses the token and checks all of it; its issuer and signature are then remembered. */
  private VerifiedTokens.Verified verify(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw invalid("malformed JWT");
    }
    if (jwt instanceof PlainJWT) {
      throw invalid("unsigned token (alg none)");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
      throw invalid("encrypted tokens are not accepted");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw invalid("malformed JWT claims");
    }

    String iss = claims.getIssuer();
    if (iss == null || iss.isBlank()) {
      throw invalid("the token has no issuer");
    }
    TrustedIssuer issuer = issuerOf(iss);
    if (issuer == null) {
      throw invalid("wrong issuer");
    }
    try {
      issuer.verifySignature(signed);
    } catch (TrustedIssuer.Rejected e) {
      throw invalid(e.getMessage());
    }
    checkAudienceAndTime(issuer, claims);
    return new VerifiedTokens.Verified(issuer, claims, principalOf(issuer, claims));
  }

  private void checkAudienceAndTime(TrustedIssuer issuer, JWTClaimsSet claims) {
    List<String> aud = claims.getAudience();
    if (aud.isEmpty()) {
      throw invalid("the token has no audience");
    }
    if (aud.stream().noneMatch(issuer.audiences()::contains)) {
      throw invalid("wrong audience");
    }

    Instant now = clock.instant();
    Instant exp = instant(claims, "exp");
    if (exp == null) {
      throw invalid("the token has no expiry");
    }
    if (!now.isBefore(exp.plus(CLOCK_SKEW))) {
      throw expired(exp, now);
    }
    Instant nbf = instant(claims, "nbf");
    if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf)) {
      throw invalid("not yet valid: valid from " + nbf);
    }
  }

  private TrustedIssuer issuerOf(String iss) {
    for (TrustedIssuer issuer : issuers) {
      if (issuer.issues(iss)) {
        return issuer;
      }
    }
    return null;
  }

  /**
   * The principal a validated token stands for: id is {@code oid}, else {@code sub}; the display
   * name the first of {@code upn}, {@code unique_name}, {@code preferred_username}, {@code email},
   * {@code appid}, {@code azp}, else the id (an Application's: its app id first); an Application
   * when {@code idtyp} is {@code app} or when there is no user name claim but an app id, else a
   * User.
   */
  static Principal principalOf(JWTClaimsSet claims) {
    String id = firstString(claims, List.of("oid", "sub"));
    if (id == null) {
      throw invalid("the token has neither oid nor sub");
    }
    String userName = firstString(claims, USER_NAME_CLAIMS);
    String appId = firstString(claims, APP_ID_CLAIMS);
    String idtyp = string(claims, "idtyp");
    PrincipalType type;
    if ("app".equalsIgnoreCase(idtyp)) {
      type = PrincipalType.Application;
    } else if ("user".equalsIgnoreCase(idtyp)) {
      type = PrincipalType.User;
    } else {
      type = userName == null && appId != null ? PrincipalType.Application : PrincipalType.User;
    }
    String displayName =
        type == PrincipalType.Application
            ? firstNonNull(appId, userName, id)
            : firstNonNull(userName, appId, id);
    return new Principal(id, displayName, type);
  }

  private static String firstNonNull(String first, String second, String third) {
    return first != null ? first : second != null ? second : third;
  }

  private static String firstString(JWTClaimsSet claims, List<String> names) {
    for (String name : names) {
      String value = string(claims, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String string(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    return null;
  }

  private static Instant instant(JWTClaimsSet claims, String name) {
    Date date;
    try {
      date = claims.getDateClaim(name);
    } catch (ParseException e) {
      throw invalid("malformed " + name + " claim");
    }
    return date == null ? null : date.toInstant();
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** 401 for a request without usable credentials: a challenge without error code (RFC 6750). */
  private static ArmException challenge(String message) {
    return new ArmException(
        ArmErrorCode.INVALID_AUTHENTICATION_TOKEN,
        message,
        null,
        List.of(),
        Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\""));
  }

  static ArmException invalid(String reason) {
    return new ArmException(
        ArmErrorCode.INVALID_AUTHENTICATION_TOKEN,
        "The access token is invalid: " + reason + ".",
        null,
        List.of(),
        Map.of("WWW-Authenticate", invalidTokenChallenge(reason)));
  }

  private static ArmException expired(Instant exp, Instant now) {
    Instant expSeconds = exp.truncatedTo(ChronoUnit.SECONDS);
    return new ArmException(
        ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN,
        "The access token expired at "
            + expSeconds
            + "; the current time is "
            + now.truncatedTo(ChronoUnit.SECONDS)
            + ". Get a new token.",
        null,
        List.of(),
        Map.of("WWW-Authenticate", invalidTokenChallenge("the token expired at " + expSeconds)));
  }

  static String invalidTokenChallenge(String description) {
    return "Bearer realm=\""
        + REALM
        + "\", error=\"invalid_token\", error_description=\""
        + headerSafe(description)
        + "\"";
  }

  /** RFC 6750 error_description: printable ASCII without {@code "} and {@code \}. */
  private static String headerSafe(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '_');
    }
    return out.toString();
  }
}
