package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.JwksServer;
import io.fluxrp.server.testing.TestIdp;
import io.fluxrp.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens over HTTP against a real server trusting two configured issuers: an Entra v2.0
 * issuer with a JWKS URL and an Entra v1 issuer with a JWKS file. The GET of a configuration that
 * does not exist answers 404 once authentication passed, 401 otherwise.
 */
class OidcHttpTest {

  private static final String V1_ISSUER = "https://sts.windows.net/" + TestIdp.TENANT + "/";
  private static final String USER_OID = "11111111-2222-3333-4444-555555555555";
  private static final String APP_OID = "99999999-8888-7777-6666-555555555555";
  private static final String MISSING = ArmClient.v(ArmClient.config("does-not-exist"));
  private static final Duration PAST_INTERVAL = OidcIssuer.REFRESH_INTERVAL.plusSeconds(1);

  @TempDir static Path jwksDir;

  private static RSAKey key1;
  private static RSAKey key2;
  private static RSAKey v1Key;
  private static JwksServer jwks;
  private static TestServer server;
  private static TestIdp idp;

  @BeforeAll
  static void start() throws Exception {
    key1 = TestIdp.newKey("key-1");
    key2 = TestIdp.newKey("key-2");
    v1Key = TestIdp.newKey("v1-key");
    jwks = JwksServer.start();
    jwks.serve(List.of(key1));
    Path file = jwksDir.resolve("v1-jwks.json");
    Files.writeString(file, new JWKSet(v1Key).toString(true));
    List<OidcIssuerSettings> issuers =
        List.of(
            new OidcIssuerSettings(
                TestIdp.ISSUER, jwks.uri().toString(), List.of(TestIdp.AUDIENCE)),
            new OidcIssuerSettings(
                V1_ISSUER, file.toString(), List.of("api://fluxrp", "https://fluxrp.example")));
    server =
        TestServer.start(
            config ->
                config.toBuilder()
                    .runEmulatedClusters(false)
                    .oidcIssuers(issuers)
                    // the principals of these tests may do anything once authenticated
                    .initialOwners(List.of(EmbeddedIssuer.ADMIN_ID, USER_OID, APP_OID))
                    .build());
    idp = new TestIdp(server.clock());
  }

  @AfterAll
  static void stop() {
    server.close();
    jwks.close();
  }

  @Test
  void validTokenIsAuthenticated() {
    ArmClient.Response response = get(TestIdp.sign(key1, idp.userClaims().build()));

    assertThat(response.status()).as("%s", response).isEqualTo(404);
    assertThat(response.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
  }

  @Test
  void expiredTokenIs401Expired() {
    Date past = Date.from(server.clock().instant().minus(Duration.ofMinutes(5)));
    String token =
        TestIdp.sign(
            key1,
            idp.userClaims()
                .issueTime(Date.from(past.toInstant().minus(Duration.ofHours(1))))
                .notBeforeTime(Date.from(past.toInstant().minus(Duration.ofHours(1))))
                .expirationTime(past)
                .build());

    assertRefused(get(token), "ExpiredAuthenticationToken", "expired");
  }

  @Test
  void notYetValidTokenIs401() {
    Date later = Date.from(server.clock().instant().plus(Duration.ofMinutes(10)));
    String token = TestIdp.sign(key1, idp.userClaims().notBeforeTime(later).build());

    assertRefused(get(token), "InvalidAuthenticationToken", "not yet valid");
  }

  @Test
  void wrongAudienceIs401() {
    String token = TestIdp.sign(key1, idp.userClaims().audience("api://other").build());

    assertRefused(get(token), "InvalidAuthenticationToken", "wrong audience");
  }

  @Test
  void wrongIssuerIs401() {
    String token =
        TestIdp.sign(
            key1, idp.userClaims().issuer("https://login.microsoftonline.com/other/v2.0").build());
    // the v1 issuer is trusted, but not with the v2 issuer's keys
    String crossed = TestIdp.sign(key1, idp.userClaims().issuer(V1_ISSUER).build());

    assertRefused(get(token), "InvalidAuthenticationToken", "wrong issuer");
    assertRefused(get(crossed), "InvalidAuthenticationToken", "unknown signing key");
  }

  @Test
  void badSignatureIs401() {
    RSAKey impostor = new RSAKey.Builder(key2).keyID("key-1").build();

    assertRefused(
        get(TestIdp.sign(impostor, idp.userClaims().build())),
        "InvalidAuthenticationToken",
        "bad signature");
  }

  @Test
  void algNoneAndHmacConfusionAre401() throws Exception {
    String none = new PlainJWT(idp.userClaims().build()).serialize();
    String hs256 =
        TestIdp.sign(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
            new MACSigner(key1.toRSAPublicKey().getEncoded()),
            idp.userClaims().build());

    assertRefused(get(none), "InvalidAuthenticationToken", "alg none");
    assertRefused(get(hs256), "InvalidAuthenticationToken", "unsupported signature algorithm");
  }

  @Test
  void rotatedKeyIsFetchedOnceThenRateLimited() {
    jwks.serve(List.of(key1, key2));
    server.clock().advance(PAST_INTERVAL);
    int before = jwks.fetches();

    ArmClient.Response rotated = get(TestIdp.sign(key2, idp.userClaims().build()));
    RSAKey unknown = new RSAKey.Builder(key2).keyID("key-3").build();
    ArmClient.Response third = get(TestIdp.sign(unknown, idp.userClaims().build()));

    assertThat(rotated.status()).as("%s", rotated).isEqualTo(404);
    assertRefused(third, "InvalidAuthenticationToken", "unknown signing key");
    assertThat(jwks.fetches()).isEqualTo(before + 1);
  }

  @Test
  void failingJwksKeepsTheLastGoodKeys() {
    jwks.failing(true);
    try {
      server.clock().advance(PAST_INTERVAL);
      int before = jwks.fetches();

      ArmClient.Response unknown =
          get(
              TestIdp.sign(
                  new RSAKey.Builder(key2).keyID("key-9").build(), idp.userClaims().build()));
      ArmClient.Response known = get(TestIdp.sign(key1, idp.userClaims().build()));

      assertRefused(unknown, "InvalidAuthenticationToken", "unknown signing key");
      assertThat(jwks.fetches()).isEqualTo(before + 1);
      assertThat(known.status()).as("%s", known).isEqualTo(404);
    } finally {
      jwks.failing(false);
    }
  }

  @Test
  void jwksFileIssuerIsAccepted() {
    JWTClaimsSet v1 =
        idp.userClaims()
            .issuer(V1_ISSUER)
            .audience("https://fluxrp.example")
            .claim("preferred_username", null)
            .claim("upn", "bob@contoso.example")
            .build();

    assertThat(get(TestIdp.sign(v1Key, v1)).status()).isEqualTo(404);
  }

  @Test
  void entraUserTokenFillsSystemDataAsUser() {
    JsonNode systemData = create("by-user", TestIdp.sign(key1, idp.userClaims().build()));

    assertThat(systemData.path("createdBy").asText()).isEqualTo("alice@contoso.example");
    assertThat(systemData.path("createdByType").asText()).isEqualTo("User");
  }

  @Test
  void entraV1UserTokenShowsItsUpn() {
    JWTClaimsSet v1 =
        idp.userClaims()
            .issuer(V1_ISSUER)
            .audience("api://fluxrp")
            .claim("preferred_username", null)
            .claim("idtyp", null)
            .claim("azp", null)
            .claim("appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46")
            .claim("unique_name", "bob@contoso.example")
            .build();

    JsonNode systemData = create("by-v1-user", TestIdp.sign(v1Key, v1));

    assertThat(systemData.path("createdBy").asText()).isEqualTo("bob@contoso.example");
    assertThat(systemData.path("createdByType").asText()).isEqualTo("User");
  }

  @Test
  void entraAppTokensFillSystemDataAsApplication() {
    JWTClaimsSet v2App =
        idp.userClaims()
            .subject(APP_OID)
            .claim("oid", APP_OID)
            .claim("preferred_username", null)
            .claim("azp", "3fa2c4a5-0000-4000-8000-00000000abcd")
            .claim("idtyp", "app")
            .build();
    JWTClaimsSet v1App =
        idp.userClaims()
            .issuer(V1_ISSUER)
            .subject(APP_OID)
            .claim("oid", APP_OID)
            .claim("preferred_username", null)
            .claim("idtyp", null)
            .claim("azp", null)
            .claim("appid", "5b1e0c7d-0000-4000-8000-00000000ef01")
            .build();

    JsonNode v2 = create("by-v2-app", TestIdp.sign(key1, v2App));
    JsonNode v1 = create("by-v1-app", TestIdp.sign(v1Key, v1App));

    assertThat(v2.path("createdBy").asText()).isEqualTo("3fa2c4a5-0000-4000-8000-00000000abcd");
    assertThat(v2.path("createdByType").asText()).isEqualTo("Application");
    assertThat(v1.path("createdBy").asText()).isEqualTo("5b1e0c7d-0000-4000-8000-00000000ef01");
    assertThat(v1.path("createdByType").asText()).isEqualTo("Application");
  }

  /** Creates configuration {@code name} with {@code token}; its systemData. */
  private static JsonNode create(String name, String token) {
    ArmClient client = new ArmClient(server.server().baseUri(), token);
    ArmClient.Response put = client.put(ArmClient.v(ArmClient.config(name)), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);
    return client.get(ArmClient.v(ArmClient.config(name))).json().path("systemData");
  }

  private static ArmClient.Response get(String token) {
    return new ArmClient(server.server().baseUri(), token).get(MISSING);
  }

  private static void assertRefused(ArmClient.Response response, String code, String reason) {
    assertThat(response.status()).as("%s", response).isEqualTo(401);
    assertThat(response.json().at("/error/code").asText()).isEqualTo(code);
    assertThat(response.json().at("/error/message").asText()).contains(reason);
    assertThat(response.header("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"fluxrp\", error=\"invalid_token\"");
  }
}
