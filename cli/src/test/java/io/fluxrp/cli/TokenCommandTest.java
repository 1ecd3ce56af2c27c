package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.auth.Role;
import io.fluxrp.server.auth.RoleGrant;
import io.fluxrp.server.auth.TokenAuthenticator;
import io.fluxrp.server.auth.TokenGrants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

  @TempDir Path tmp;

  /** For the tests that are not about the key file: one key, RSA keys take a while to generate. */
  @TempDir static Path sharedDataDir;

  @Test
  void printsExactlyOneLineThatIsAValidAdminToken() {
    Path dataDir = tmp.resolve("data");

    Cli result = Cli.run("token", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).endsWith(System.lineSeparator());
    assertThat(result.out().lines()).hasSize(1);
    String token = result.out().strip();
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    Principal admin =
        new TokenAuthenticator(EmbeddedIssuer.loadOrCreate(dataDir))
            .authenticate("Bearer " + token);
    assertThat(admin)
        .isEqualTo(
            new Principal(EmbeddedIssuer.ADMIN_ID, EmbeddedIssuer.ADMIN_NAME, PrincipalType.User));
  }

  @Test
  void keyIsCreatedOnceAndReused() throws Exception {
    Path dataDir = tmp.resolve("data");

    String first = Cli.run("token", "--data-dir", dataDir.toString()).out().strip();
    String second = Cli.run("token", "--data-dir", dataDir.toString()).out().strip();

    assertThat(SignedJWT.parse(second).getHeader().getKeyID())
        .isEqualTo(SignedJWT.parse(first).getHeader().getKeyID());
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(dataDir.resolve(EmbeddedIssuer.KEY_FILE));
    }
  }

  @Test
  void expiresDefaultsTo24Hours() throws Exception {
    String token = Cli.run("token", "--data-dir", sharedDataDir.toString()).out().strip();

    assertThat(lifetime(token)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void expiresIsHonoured() throws Exception {
    String dataDir = sharedDataDir.toString();
    String minutes = Cli.run("token", "--data-dir", dataDir, "--expires", "PT30M").out().strip();
    String days = Cli.run("token", "--data-dir", dataDir, "--expires=p7d").out().strip();

    assertThat(lifetime(minutes)).isEqualTo(Duration.ofMinutes(30));
    assertThat(lifetime(days)).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void badExpiresIsAUsageError() {
    for (String bad : new String[] {"24h", "PT0S", "-PT1H", ""}) {
      Cli result = Cli.run("token", "--data-dir", tmp.toString(), "--expires", bad);

      assertThat(result.exitCode()).as(bad).isEqualTo(2);
      assertThat(result.out()).as(bad).isEmpty();
      assertThat(result.err()).as(bad).contains("--expires");
    }
  }

  @Test
  void unusableDataDirFailsWithOneLineOnStderr() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    Cli result = Cli.run("token", "--data-dir", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("fluxrp: cannot use data directory " + file)
        .contains("not a directory")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void corruptKeyFileFailsWithOneLineOnStderr() throws Exception {
    Files.writeString(tmp.resolve(EmbeddedIssuer.KEY_FILE), "{}");

    Cli result = Cli.run("token", "--data-dir", tmp.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("fluxrp: ").contains(EmbeddedIssuer.KEY_FILE);
  }

  @Test
  void dataDirComesFromTheEnvironmentUnlessGiven() throws Exception {
    Path fromEnv = tmp.resolve("env");
    Path fromOption = tmp.resolve("option");
    Map<String, String> env = Map.of("FLUXRP_DATA_DIR", fromEnv.toString());

    Cli viaEnv = Cli.run(env, "token");
    Cli viaOption = Cli.run(env, "token", "--data-dir", fromOption.toString());

    assertThat(viaEnv.exitCode()).isZero();
    assertThat(viaOption.exitCode()).isZero();
    assertThat(fromEnv.resolve(EmbeddedIssuer.KEY_FILE)).exists();
    assertThat(fromOption.resolve(EmbeddedIssuer.KEY_FILE)).exists();
    assertThat(kid(viaEnv.out())).isEqualTo(EmbeddedIssuer.loadOrCreate(fromEnv).keyId());
    assertThat(kid(viaOption.out())).isEqualTo(EmbeddedIssuer.loadOrCreate(fromOption).keyId());
  }

  @Test
  void principalOptionMintsAUserTokenWithoutGrants() throws Exception {
    String token = mint("--principal", "alice@contoso.example");

    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("alice@contoso.example");
    assertThat(claims.getStringClaim("oid")).isEqualTo("alice@contoso.example");
    assertThat(claims.getStringClaim("upn")).isEqualTo("alice@contoso.example");
    assertThat(claims.getStringClaim("idtyp")).isEqualTo("user");
    assertThat(claims.getClaim(TokenGrants.CLAIM)).isNull();
    assertThat(authenticate(token))
        .isEqualTo(
            new Principal("alice@contoso.example", "alice@contoso.example", PrincipalType.User));
  }

  @Test
  void appOptionMintsAnApplicationToken() throws Exception {
    String token = mint("--principal", "deploy-pipeline", "--app");

    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
    assertThat(claims.getStringClaim("appid")).isEqualTo("deploy-pipeline");
    assertThat(claims.getClaim("upn")).isNull();
    assertThat(authenticate(token))
        .isEqualTo(new Principal("deploy-pipeline", "deploy-pipeline", PrincipalType.Application));
  }

  @Test
  void roleAndScopeAddOneGrant() throws Exception {
    String scoped =
        mint(
            "--principal",
            "ci",
            "--app",
            "--role",
            "contributor",
            "--scope",
            "/subscriptions/s1/resourceGroups/rg1");
    String everything = mint("--role", "Owner");

    assertThat(SignedJWT.parse(scoped).getJWTClaimsSet().getStringListClaim(TokenGrants.CLAIM))
        .containsExactly("Contributor:/subscriptions/s1/resourceGroups/rg1");
    assertThat(authenticate(scoped).tokenGrants())
        .containsExactly(new RoleGrant(Role.CONTRIBUTOR, "/subscriptions/s1/resourceGroups/rg1"));
    assertThat(authenticate(everything))
        .isEqualTo(
            new Principal(
                EmbeddedIssuer.ADMIN_ID,
                EmbeddedIssuer.ADMIN_NAME,
                PrincipalType.User,
                List.of(new RoleGrant(Role.OWNER, "/"))));
  }

  @Test
  void defaultTokenCarriesNoGrants() throws Exception {
    String token = mint();

    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getClaims())
        .doesNotContainKey(TokenGrants.CLAIM);
  }

  @Test
  void badIdentityOptionsAreUsageErrors() {
    String dir = sharedDataDir.toString();
    Map<List<String>, String> cases =
        Map.of(
            List.of("--scope", "/subscriptions/s1"), "--scope needs --role",
            List.of("--app"), "--app needs --principal",
            List.of("--role", "Admin"), "--role",
            List.of("--role", "Reader", "--scope", "subscriptions/s1"), "--scope",
            List.of("--role", "Reader", "--scope", "/subscriptions//rg"), "--scope",
            List.of("--principal", ""), "--principal",
            List.of("--principal", "a b"), "--principal");
    cases.forEach(
        (args, message) -> {
          List<String> all = new java.util.ArrayList<>(List.of("token", "--data-dir", dir));
          all.addAll(args);

          Cli result = Cli.run(all.toArray(String[]::new));

          assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
          assertThat(result.out()).as("%s", args).isEmpty();
          assertThat(result.err()).as("%s", args).contains(message);
        });
  }

  private static String mint(String... options) {
    List<String> all =
        new java.util.ArrayList<>(List.of("token", "--data-dir", sharedDataDir.toString()));
    all.addAll(List.of(options));
    Cli result = Cli.run(all.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out().strip();
  }

  private static Principal authenticate(String token) {
    return new TokenAuthenticator(EmbeddedIssuer.loadOrCreate(sharedDataDir))
        .authenticate("Bearer " + token);
  }

  private static String kid(String token) throws Exception {
    return SignedJWT.parse(token.strip()).getHeader().getKeyID();
  }

  private static Duration lifetime(String token) throws Exception {
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    return Duration.between(
        claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
  }
}
