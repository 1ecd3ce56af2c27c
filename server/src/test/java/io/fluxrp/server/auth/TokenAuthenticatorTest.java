package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {

  private static final Instant T0 = Instant.parse("2026-11-24T04:10:50Z");

  private final MutableClock clock = new MutableClock(T0);

  /** RSA keys take a while to generate: one for all tests, each with its own clock. */
  private static final EmbeddedIssuer KEY = EmbeddedIssuer.generate(Clock.systemUTC());

  /** Another key (and kid), stored in a file so that tests can also sign with its private half. */
  @TempDir static Path otherKeyDir;

  private static EmbeddedIssuer otherKey;
  private static RSAKey otherPrivateKey;

  @BeforeAll
  static void storeAnotherKey() throws Exception {
    otherKey = EmbeddedIssuer.loadOrCreate(otherKeyDir, Clock.systemUTC());
    otherPrivateKey = RSAKey.parse(Files.readString(otherKeyDir.resolve(EmbeddedIssuer.KEY_FILE)));
  }

  private final EmbeddedIssuer issuer = KEY.withClock(clock);
  private final TokenAuthenticator authenticator = new TokenAuthenticator(issuer);

  @Test
  void acceptsAValidToken() {
    String token = issuer.mint("user-1", "alice@example.com", PrincipalType.User, hours(1));

    Principal p = authenticator.authenticate("Bearer " + token);

    assertThat(p).isEqualTo(new Principal("user-1", "alice@example.com", PrincipalType.User));
  }

  @Test
  void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
    String token = issuer.mintAdmin(hours(1));

    assertThat(authenticator.authenticate("bearer " + token).id())
        .isEqualTo(EmbeddedIssuer.ADMIN_ID);
    assertThat(authenticator.authenticate("  BEARER   " + token + " ").displayName())
        .isEqualTo(EmbeddedIssuer.ADMIN_NAME);
  }

  @Test
  void adminTokenIsTheLocalAdministrator() {
    Principal p = authenticator.authenticate("Bearer " + issuer.mintAdmin(hours(24)));

    assertThat(p)
        .isEqualTo(
            new Principal(EmbeddedIssuer.ADMIN_ID, EmbeddedIssuer.ADMIN_NAME, PrincipalType.User));
  }

  @Test
  void expiredTokenIsRefusedWithItsExpiryTime() {
    String token = issuer.mint("user-1", "alice", PrincipalType.User, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plusSeconds(61));

    ArmException e = refusal("Bearer " + token);

    assertThat(e.code()).isEqualTo(ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN);
    assertThat(e.code().httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).contains("2026-11-24T04:15:50Z").doesNotContain(token);
    assertThat(e.headers().get("WWW-Authenticate"))
        .startsWith("Bearer realm=\"fluxrp\", error=\"invalid_token\", error_description=\"")
        .contains("expired");
  }

  @Test
  void expiredWithinTheClockSkewIsStillAccepted() {
    String token = issuer.mint("user-1", "alice", PrincipalType.User, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plusSeconds(59));

    assertThat(authenticator.authenticate("Bearer " + token).id()).isEqualTo("user-1");

    clock.advance(Duration.ofSeconds(1)); // exactly exp + skew
    assertThat(refusal("Bearer " + token).code())
        .isEqualTo(ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN);
  }

  @Test
  void notYetValidTokenIsRefused() {
    String early = issuer.mint("user-1", "alice", PrincipalType.User, hours(1));
    clock.set(T0.minusSeconds(61));

    assertInvalid(refusal("Bearer " + early), "not yet valid");

    clock.set(T0.minusSeconds(59)); // within the skew
    assertThat(authenticator.authenticate("Bearer " + early).id()).isEqualTo("user-1");
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    String token = issuer.sign(claims().expirationTime(null).build());

    assertInvalid(refusal("Bearer " + token), "no expiry");
  }

  @Test
  void wrongAudienceIsRefused() {
    String token = issuer.sign(claims().audience("https://management.azure.com/").build());

    assertInvalid(refusal("Bearer " + token), "wrong audience");
  }

  @Test
  void audienceMayBeAnArray() {
    String ok = issuer.sign(claims().audience(List.of("other", EmbeddedIssuer.AUDIENCE)).build());
    String wrong = issuer.sign(claims().audience(List.of("other", "another")).build());
    String none = issuer.sign(claims().audience(List.<String>of()).build());

    assertThat(authenticator.authenticate("Bearer " + ok).id()).isEqualTo("user-1");
    assertInvalid(refusal("Bearer " + wrong), "wrong audience");
    assertInvalid(refusal("Bearer " + none), "no audience");
  }

  @Test
  void wrongIssuerIsRefused() {
    String token = issuer.sign(claims().issuer("https://login.microsoftonline.com/x/v2.0").build());
    String none = issuer.sign(claims().issuer(null).build());

    assertInvalid(refusal("Bearer " + token), "wrong issuer");
    assertInvalid(refusal("Bearer " + none), "no issuer");
  }

  @Test
  void tokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
    String token =
        signed(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.keyId()).build(),
            new RSASSASigner(otherPrivateKey));

    assertInvalid(refusal("Bearer " + token), "bad signature");
  }

  @Test
  void tamperedPayloadIsRefused() {
    String token = issuer.mint("user-1", "alice", PrincipalType.User, hours(1));
    String[] parts = token.split("\\.");
    String payload =
        Base64URL.encode(
                claims()
                    .subject("admin")
                    .claim("oid", EmbeddedIssuer.ADMIN_ID)
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
            .toString();

    assertInvalid(refusal("Bearer " + parts[0] + "." + payload + "." + parts[2]), "bad signature");
  }

  @Test
  void unknownKidIsRefused() {
    EmbeddedIssuer other = otherKey.withClock(clock); // same iss, other key and kid
    String token = other.mint("user-1", "alice", PrincipalType.User, hours(1));

    assertInvalid(refusal("Bearer " + token), "unknown signing key");
  }

  @Test
  void missingKidIsRefused() throws Exception {
    String token =
        signed(
            new JWSHeader.Builder(JWSAlgorithm.RS256).build(), new RSASSASigner(otherPrivateKey));

    assertInvalid(
        refusal(new TokenAuthenticator(otherKey.withClock(clock)), token), "unknown signing key");
  }

  @Test
  void algNoneIsRefused() {
    String unsigned = new PlainJWT(claims().build()).serialize();
    // the same with a kid and a made-up signature part
    String header =
        Base64URL.encode(
                ("{\"alg\":\"none\",\"kid\":\"" + issuer.keyId() + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    String body = unsigned.split("\\.")[1];

    assertInvalid(refusal("Bearer " + unsigned), "alg none");
    assertInvalid(refusal("Bearer " + header + "." + body + "."), "alg none");
    assertInvalid(refusal("Bearer " + header + "." + body + ".c2ln"), "malformed");
  }

  @Test
  void hs256WithThePublicKeyAsSecretIsRefused() throws Exception {
    byte[] publicKeyBytes = issuer.publicJwk().toRSAKey().toPublicKey().getEncoded();
    String token =
        signed(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT)
                .keyID(issuer.keyId())
                .build(),
            new MACSigner(publicKeyBytes));
    // and with the JWK JSON as the secret
    String token2 =
        signed(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.keyId()).build(),
            new MACSigner(issuer.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8)));

    assertInvalid(refusal("Bearer " + token), "unsupported signature algorithm HS256");
    assertInvalid(refusal("Bearer " + token2), "unsupported signature algorithm HS256");
  }

  @Test
  void otherAlgorithmsWithTheRightKeyAreRefused() throws Exception {
    TokenAuthenticator auth = new TokenAuthenticator(otherKey.withClock(clock));
    for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
      String token =
          signed(
              new JWSHeader.Builder(alg).keyID(otherKey.keyId()).build(),
              new RSASSASigner(otherPrivateKey));

      assertInvalid(refusal(auth, token), "unsupported signature algorithm " + alg);
    }
  }

  @Test
  void ecTokensAreRefused() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(issuer.keyId()).generate();
    String token =
        signed(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(issuer.keyId()).build(),
            new ECDSASigner(ec));

    assertInvalid(refusal("Bearer " + token), "unsupported signature algorithm ES256");
  }

  @Test
  void missingHeaderIsAChallengeWithoutErrorCode() {
    for (String header : new String[] {null, "", "   "}) {
      ArmException e = refusal(header);

      assertThat(e.code()).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
      assertThat(e.getMessage()).contains("no access token");
      assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"fluxrp\"");
    }
  }

  @Test
  void otherSchemesAreRefused() {
    String token = issuer.mintAdmin(hours(1));
    for (String header : new String[] {"Basic YWRtaW46c2VjcmV0", token, "Token " + token}) {
      ArmException e = refusal(header);

      assertThat(e.code()).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
      assertThat(e.getMessage()).contains("not a Bearer token").doesNotContain(token);
      assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"fluxrp\"");
    }
  }

  @Test
  void garbageIsRefused() {
    for (String garbage :
        new String[] {
          "Bearer",
          "Bearer  ",
          "Bearer abc",
          "Bearer a.b.c",
          "Bearer eyJhbGciOiJFUzI1NiJ9..",
          "Bearer " + "x".repeat(TokenAuthenticator.MAX_TOKEN_LENGTH + 1),
          "Bearer " + issuer.mintAdmin(hours(1)) + " trailing"
        }) {
      ArmException e = refusal(garbage);

      assertThat(e.code()).as(garbage).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
      assertThat(e.headers().get("WWW-Authenticate"))
          .as(garbage)
          .startsWith("Bearer realm=\"fluxrp\", error=\"invalid_token\"");
    }
  }

  @Test
  void messagesNeverContainTheToken() {
    String expired = issuer.mint("user-1", "alice", PrincipalType.User, Duration.ofMinutes(1));
    String wrongAudience = issuer.sign(claims().audience("someone-else").build());
    String unknownKid = otherKey.withClock(clock).mint("u", "alice", PrincipalType.User, hours(1));
    clock.advance(hours(1));

    for (String token : List.of(expired, wrongAudience, unknownKid)) {
      ArmException e = refusal("Bearer " + token);
      assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
      assertThat(e.headers().toString()).doesNotContain(token.split("\\.")[2]);
    }
  }

  @Test
  void userClaimsMapToAUser() {
    // an Entra ID v1 user token: the client's appid is there too, the upn makes it a user
    Principal p =
        principal(
            Map.of(
                "oid", "1b8c-user",
                "sub", "pairwise-sub",
                "upn", "alice@contoso.com",
                "unique_name", "live.com#alice@contoso.com",
                "appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"));

    assertThat(p).isEqualTo(new Principal("1b8c-user", "alice@contoso.com", PrincipalType.User));
  }

  @Test
  void displayNameFallsBackThroughTheUserClaims() {
    assertThat(principal(Map.of("sub", "s", "unique_name", "u", "email", "e")).displayName())
        .isEqualTo("u");
    assertThat(principal(Map.of("sub", "s", "preferred_username", "p", "email", "e")))
        .isEqualTo(new Principal("s", "p", PrincipalType.User));
    assertThat(principal(Map.of("sub", "s", "email", "e@x")))
        .isEqualTo(new Principal("s", "e@x", PrincipalType.User));
    assertThat(principal(Map.of("sub", "s")))
        .isEqualTo(new Principal("s", "s", PrincipalType.User));
  }

  @Test
  void appClaimsMapToAnApplication() {
    // Entra ID app-only token: idtyp app, appid is the client id
    assertThat(
            principal(
                Map.of("oid", "sp-oid", "sub", "sp-oid", "appid", "client-1", "idtyp", "app")))
        .isEqualTo(new Principal("sp-oid", "client-1", PrincipalType.Application));
    // v2 app-only token without idtyp: azp and no user name
    assertThat(principal(Map.of("oid", "sp-oid", "azp", "client-2")))
        .isEqualTo(new Principal("sp-oid", "client-2", PrincipalType.Application));
    // idtyp app wins over a user-ish claim
    assertThat(principal(Map.of("sub", "s", "idtyp", "app", "email", "x@y")).type())
        .isEqualTo(PrincipalType.Application);
  }

  @Test
  void anApplicationShowsItsAppIdEvenWithAUserNameClaim() {
    assertThat(principal(Map.of("oid", "sp", "idtyp", "app", "upn", "odd@x", "appid", "client-3")))
        .isEqualTo(new Principal("sp", "client-3", PrincipalType.Application));
  }

  @Test
  void grantsOfTheEmbeddedIssuerBecomeTokenGrants() {
    List<RoleGrant> grants =
        List.of(
            new RoleGrant(Role.CONTRIBUTOR, "/subscriptions/s1/resourceGroups/rg1"),
            new RoleGrant(Role.READER, "/"));
    String token = issuer.mint("u1", "u1@x", PrincipalType.User, hours(1), grants);

    assertThat(authenticator.authenticate("Bearer " + token).tokenGrants())
        .containsExactlyElementsOf(grants);
    assertThat(authenticator.authenticate("Bearer " + issuer.mintAdmin(hours(1))).tokenGrants())
        .isEmpty();
  }

  @Test
  void malformedGrantsClaimIsRefused() {
    for (Object bad :
        List.of(
            "Owner:/",
            List.of("Owner"),
            List.of("Admin:/"),
            List.of("Reader:subscriptions/s1"),
            List.of("Reader:/subscriptions//x"),
            List.of(42))) {
      String token = issuer.sign(claims().claim(TokenGrants.CLAIM, bad).build());

      assertInvalid(refusal("Bearer " + token), "malformed fluxrp_grants claim");
    }
  }

  @Test
  void mintedAppTokenMapsToAnApplication() {
    String token = issuer.mint("sp-1", "deploy-pipeline", PrincipalType.Application, hours(1));

    assertThat(authenticator.authenticate("Bearer " + token))
        .isEqualTo(new Principal("sp-1", "deploy-pipeline", PrincipalType.Application));
  }

  @Test
  void tokenWithoutSubjectIsRefused() {
    String token = issuer.sign(claims().subject(null).claim("oid", null).build());

    assertInvalid(refusal("Bearer " + token), "neither oid nor sub");
  }

  @Test
  void moreIssuersCanBeTrusted() {
    EmbeddedIssuer first = issuer;
    TrustedIssuer second =
        new TrustedIssuer() {
          @Override
          public String issuer() {
            return "https://issuer.example/";
          }

          @Override
          public Set<String> audiences() {
            return Set.of("api://fluxrp");
          }

          @Override
          public void verifySignature(SignedJWT jwt) throws Rejected {
            first.verifySignature(jwt); // same key, other iss and aud: enough for the routing
          }
        };
    TokenAuthenticator both = new TokenAuthenticator(List.of(first, second), clock);
    String fromSecond =
        issuer.sign(claims().issuer("https://issuer.example/").audience("api://fluxrp").build());
    String wrongAudForSecond = issuer.sign(claims().issuer("https://issuer.example/").build());

    assertThat(both.authenticate("Bearer " + fromSecond).id()).isEqualTo("user-1");
    assertThat(both.authenticate("Bearer " + issuer.mintAdmin(hours(1))).id())
        .isEqualTo(EmbeddedIssuer.ADMIN_ID);
    assertThatThrownBy(() -> both.authenticate("Bearer " + wrongAudForSecond))
        .hasMessageContaining("wrong audience");
    assertThatThrownBy(() -> new TokenAuthenticator(List.of(first, first), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private JWTClaimsSet.Builder claims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(EmbeddedIssuer.ISSUER)
        .audience(EmbeddedIssuer.AUDIENCE)
        .subject("user-1")
        .claim("oid", "user-1")
        .claim("upn", "alice@example.com")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(hours(1))));
  }

  private Principal principal(Map<String, String> extra) {
    JWTClaimsSet.Builder b = claims().subject(null).claim("oid", null).claim("upn", null);
    extra.forEach(b::claim);
    return authenticator.authenticate("Bearer " + issuer.sign(b.build()));
  }

  /** {@link #claims()} with this header, signed by {@code signer}, serialized. */
  private String signed(JWSHeader header, JWSSigner signer) throws JOSEException {
    SignedJWT jwt = new SignedJWT(header, claims().build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static ArmException refusal(TokenAuthenticator auth, String token) {
    ArmException e =
        catchThrowableOfType(ArmException.class, () -> auth.authenticate("Bearer " + token));
    assertThat(e).isNotNull();
    return e;
  }

  private ArmException refusal(String header) {
    ArmException e =
        catchThrowableOfType(ArmException.class, () -> authenticator.authenticate(header));
    assertThat(e).as("refused: %s", header).isNotNull();
    return e;
  }

  private static void assertInvalid(ArmException e, String reason) {
    assertThat(e.code()).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
    assertThat(e.getMessage()).contains(reason);
    assertThat(e.headers().get("WWW-Authenticate"))
        .startsWith("Bearer realm=\"fluxrp\", error=\"invalid_token\", error_description=\"")
        .contains(reason);
  }

  private static Duration hours(int h) {
    return Duration.ofHours(h);
  }
}
