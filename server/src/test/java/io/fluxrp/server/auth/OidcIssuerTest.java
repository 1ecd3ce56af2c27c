package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.testing.JwksServer;
import io.fluxrp.server.testing.MutableClock;
import io.fluxrp.server.testing.TestIdp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OidcIssuer} behind {@link TokenAuthenticator}, its JWKS from a local HTTP server. */
class OidcIssuerTest {

  private static final Instant T0 = Instant.parse("2026-11-24T04:10:50Z");
  private static final Duration PAST_INTERVAL = OidcIssuer.REFRESH_INTERVAL.plusSeconds(1);

  /** RSA keys take a while to generate: once for all tests. */
  private static RSAKey key1;

  private static RSAKey key2;

  /** Other key material under key1's kid. */
  private static RSAKey impostor;

  private static EmbeddedIssuer embedded;

  @BeforeAll
  static void generateKeys() {
    key1 = TestIdp.newKey("key-1");
    key2 = TestIdp.newKey("key-2");
    impostor = TestIdp.newKey("key-1");
    embedded = EmbeddedIssuer.generate(Clock.systemUTC());
  }

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(T0);
  private final TestIdp idp = new TestIdp(clock);
  private final JwksServer jwks = JwksServer.start();

  @AfterEach
  void stopJwks() {
    jwks.close();
  }

  @Test
  void validTokenIsAcceptedAsItsUser() {
    TokenAuthenticator auth = authenticator(List.of(key1));

    Principal who = auth.authenticate(bearer(TestIdp.sign(key1, idp.userClaims().build())));

    assertThat(who)
        .isEqualTo(
            new Principal(
                "11111111-2222-3333-4444-555555555555",
                "alice@contoso.example",
                PrincipalType.User));
    assertThat(jwks.fetches()).isEqualTo(1);
  }

  @Test
  void expiredTokenIsRefusedAsExpired() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String token = TestIdp.sign(key1, idp.userClaims().build());
    clock.advance(Duration.ofHours(1).plus(TokenAuthenticator.CLOCK_SKEW));

    ArmException e = refusal(auth, token);

    assertThat(e.code()).isEqualTo(ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN);
    assertThat(e.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void notYetValidTokenIsRefusedButSmallSkewIsTolerated() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String later =
        TestIdp.sign(key1, idp.userClaims().notBeforeTime(at(Duration.ofMinutes(5))).build());
    String skewed =
        TestIdp.sign(key1, idp.userClaims().notBeforeTime(at(Duration.ofSeconds(30))).build());

    assertInvalid(refusal(auth, later), "not yet valid");
    assertThat(auth.authenticate(bearer(skewed)).displayName()).isEqualTo("alice@contoso.example");
  }

  @Test
  void wrongAudienceIsRefused() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String token = TestIdp.sign(key1, idp.userClaims().audience("api://someone-else").build());

    assertInvalid(refusal(auth, token), "wrong audience");
  }

  @Test
  void wrongIssuerIsRefusedEvenWithTheRightKey() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String v1 = "https://sts.windows.net/" + TestIdp.TENANT + "/";
    String token = TestIdp.sign(key1, idp.userClaims().issuer(v1).build());

    assertInvalid(refusal(auth, token), "wrong issuer");
  }

  @Test
  void badSignatureIsRefused() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String forged = TestIdp.sign(impostor, idp.userClaims().build());

    assertInvalid(refusal(auth, forged), "bad signature");
    assertThat(jwks.fetches()).as("a known kid never reloads").isEqualTo(1);
  }

  @Test
  void unknownKidReloadsTheKeysAtMostOncePerInterval() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String withKey2 = TestIdp.sign(key2, idp.userClaims().build());
    jwks.serve(List.of(key1, key2)); // the provider rotates

    assertInvalid(refusal(auth, withKey2), "unknown signing key");
    assertThat(jwks.fetches()).as("loaded at start less than the interval ago").isEqualTo(1);

    clock.advance(PAST_INTERVAL);
    assertThat(auth.authenticate(bearer(withKey2)).id()).isNotBlank();
    assertThat(jwks.fetches()).isEqualTo(2);

    RSAKey key3 = new RSAKey.Builder(key2).keyID("key-3").build();
    String withKey3 = TestIdp.sign(key3, idp.userClaims().build());
    jwks.serve(List.of(key1, key2, key3));
    clock.advance(Duration.ofSeconds(10));
    assertInvalid(refusal(auth, withKey3), "unknown signing key");
    assertInvalid(refusal(auth, withKey3), "unknown signing key");
    assertThat(jwks.fetches()).as("within the interval: no further fetch").isEqualTo(2);

    clock.advance(PAST_INTERVAL);
    assertThat(auth.authenticate(bearer(withKey3)).id()).isNotBlank();
    assertThat(auth.authenticate(bearer(withKey2)).id()).isNotBlank();
    assertThat(jwks.fetches()).isEqualTo(3);
  }

  @Test
  void fetchFailureKeepsTheLastGoodKeys() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    jwks.failing(true);
    clock.advance(PAST_INTERVAL);

    assertInvalid(
        refusal(auth, TestIdp.sign(key2, idp.userClaims().build())), "unknown signing key");
    assertThat(jwks.fetches()).isEqualTo(2);
    assertThat(auth.authenticate(bearer(TestIdp.sign(key1, idp.userClaims().build()))).id())
        .isNotBlank();
  }

  @Test
  void unreachableJwksAtStartIsTriedAgainWhenATokenNeedsIt() {
    jwks.failing(true);
    TokenAuthenticator auth = authenticator(List.of(key1));
    String token = TestIdp.sign(key1, idp.userClaims().build());

    assertInvalid(refusal(auth, token), "unknown signing key");
    jwks.failing(false);
    clock.advance(PAST_INTERVAL);

    assertThat(auth.authenticate(bearer(token)).id()).isNotBlank();
    assertThat(jwks.fetches()).isEqualTo(2);
  }

  @Test
  void algNoneIsRefused() {
    TokenAuthenticator auth = authenticator(List.of(key1));
    String unsigned = new PlainJWT(idp.userClaims().build()).serialize();

    assertInvalid(refusal(auth, unsigned), "alg none");
  }

  @Test
  void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
    OctetSequenceKey oct =
        new OctetSequenceKey.Builder(key1.toRSAPublicKey().getEncoded()).keyID("key-1").build();
    jwks.serve(List.of(key1));
    OidcIssuer oidc = start();
    TokenAuthenticator auth = new TokenAuthenticator(List.of(oidc), clock);
    String token =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
            new MACSigner(key1.toRSAPublicKey().getEncoded()),
            idp.userClaims().build());

    assertInvalid(refusal(auth, token), "unsupported signature algorithm HS256");
    // a symmetric key listed in a JWKS is never used, so no HMAC secret can come from there
    Path file = Files.writeString(tmp.resolve("with-oct.json"), jwksJson(List.of(oct, key1)));
    OidcIssuer fromFile = OidcIssuer.start(settings(file.toString()), clock);
    assertThat(fromFile.keyIds()).containsExactly("key-1");
  }

  @Test
  void algorithmsTheKeyDoesNotAllowAreRefused() throws Exception {
    RSAKey rs256Only = new RSAKey.Builder(key1).algorithm(JWSAlgorithm.RS256).build();
    TokenAuthenticator auth = authenticator(List.of(rs256Only));
    String ps256 =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("key-1").build(),
            new RSASSASigner(key1),
            idp.userClaims().build());

    assertInvalid(refusal(auth, ps256), "does not allow PS256");
  }

  @Test
  void ecKeysVerifyEs256() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    TokenAuthenticator auth = authenticator(List.of(key1, ec));
    String es256 =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
            new ECDSASigner(ec),
            idp.userClaims().build());
    String rs256UnderEcKid =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ec-1").build(),
            new RSASSASigner(key1),
            idp.userClaims().build());

    assertThat(auth.authenticate(bearer(es256)).id()).isNotBlank();
    assertInvalid(refusal(auth, rs256UnderEcKid), "does not allow RS256");
  }

  @Test
  void tokenWithoutKidUsesTheOnlyKey() throws JOSEException {
    String noKid =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
            new RSASSASigner(key1),
            idp.userClaims().build());

    assertThat(authenticator(List.of(key1)).authenticate(bearer(noKid)).id()).isNotBlank();
    assertInvalid(refusal(authenticator(List.of(key1, key2)), noKid), "unknown signing key");
  }

  @Test
  void jwksFromAFileIsReadAgainOnRotation() throws Exception {
    Path file = Files.writeString(tmp.resolve("jwks.json"), jwksJson(List.of(key1)));
    OidcIssuer oidc = OidcIssuer.start(settings(file.toString()), clock);
    TokenAuthenticator auth = new TokenAuthenticator(List.of(oidc), clock);
    String withKey2 = TestIdp.sign(key2, idp.userClaims().build());

    assertThat(auth.authenticate(bearer(TestIdp.sign(key1, idp.userClaims().build()))).id())
        .isNotBlank();
    Files.writeString(file, jwksJson(List.of(key2)));
    clock.advance(PAST_INTERVAL);
    assertThat(auth.authenticate(bearer(withKey2)).id()).isNotBlank();
    assertThat(oidc.keyIds()).containsExactly("key-2");
  }

  @Test
  void unreadableJwksFileFailsTheStart() throws Exception {
    Path garbage = Files.writeString(tmp.resolve("garbage.json"), "{\"keys\": 42}");
    Path symmetricOnly =
        Files.writeString(
            tmp.resolve("oct.json"),
            jwksJson(List.of(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build())));

    assertThatThrownBy(() -> OidcIssuer.start(settings(tmp.resolve("missing").toString()), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TestIdp.ISSUER);
    assertThatThrownBy(() -> OidcIssuer.start(settings(garbage.toString()), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a JWKS");
    assertThatThrownBy(() -> OidcIssuer.start(settings(symmetricOnly.toString()), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no usable signing key");
  }

  @Test
  void grantsInAnOidcTokenAreIgnored() {
    TokenAuthenticator auth =
        new TokenAuthenticator(List.of(embedded.withClock(clock), startWith(List.of(key1))), clock);
    JWTClaimsSet claims = idp.userClaims().claim(TokenGrants.CLAIM, List.of("Owner:/")).build();

    Principal who = auth.authenticate(bearer(TestIdp.sign(key1, claims)));

    assertThat(who.tokenGrants()).isEmpty();
    String embeddedToken =
        embedded
            .withClock(clock)
            .mint(
                "u1",
                "u1",
                PrincipalType.User,
                Duration.ofHours(1),
                List.of(new RoleGrant(Role.OWNER, "/")));
    assertThat(auth.authenticate(bearer(embeddedToken)).tokenGrants())
        .containsExactly(new RoleGrant(Role.OWNER, "/"));
  }

  @Test
  void entraV1TokensWorkWithTheirExactIssuer() {
    String v1 = "https://sts.windows.net/" + TestIdp.TENANT + "/";
    jwks.serve(List.of(key1));
    OidcIssuer oidc =
        OidcIssuer.start(
            new OidcIssuerSettings(v1, jwks.uri().toString(), List.of("api://fluxrp")), clock);
    TokenAuthenticator auth = new TokenAuthenticator(List.of(oidc), clock);
    JWTClaimsSet app =
        idp.userClaims()
            .issuer(v1)
            .claim("preferred_username", null)
            .claim("idtyp", null)
            .claim("azp", null)
            .claim("appid", "3fa2c4a5-0000-4000-8000-00000000abcd")
            .build();

    assertThat(auth.authenticate(bearer(TestIdp.sign(key1, app))))
        .isEqualTo(
            new Principal(
                "11111111-2222-3333-4444-555555555555",
                "3fa2c4a5-0000-4000-8000-00000000abcd",
                PrincipalType.Application));
  }

  private TokenAuthenticator authenticator(List<? extends JWK> served) {
    return new TokenAuthenticator(List.of(startWith(served)), clock);
  }

  private OidcIssuer startWith(List<? extends JWK> served) {
    jwks.serve(served);
    return start();
  }

  private OidcIssuer start() {
    return OidcIssuer.start(settings(jwks.uri().toString()), clock);
  }

  private static OidcIssuerSettings settings(String location) {
    return new OidcIssuerSettings(TestIdp.ISSUER, location, List.of(TestIdp.AUDIENCE));
  }

  private static String jwksJson(List<? extends JWK> keys) {
    return new JWKSet(List.copyOf(keys)).toString(false);
  }

  private Date at(Duration fromNow) {
    return Date.from(clock.instant().plus(fromNow));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static ArmException refusal(TokenAuthenticator auth, String token) {
    ArmException e =
        catchThrowableOfType(ArmException.class, () -> auth.authenticate(bearer(token)));
    assertThat(e).as("refused").isNotNull();
    return e;
  }

  private static void assertInvalid(ArmException e, String reason) {
    assertThat(e.code()).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
    assertThat(e.getMessage()).contains(reason);
    assertThat(e.headers().get("WWW-Authenticate"))
        .startsWith("Bearer realm=\"fluxrp\", error=\"invalid_token\"")
        .contains(reason);
  }
}
