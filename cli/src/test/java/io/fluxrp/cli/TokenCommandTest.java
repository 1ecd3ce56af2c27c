package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.auth.TokenAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private static String kid(String token) throws Exception {
    return SignedJWT.parse(token.strip()).getHeader().getKeyID();
  }

  private static Duration lifetime(String token) throws Exception {
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    return Duration.between(
        claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
  }
}
