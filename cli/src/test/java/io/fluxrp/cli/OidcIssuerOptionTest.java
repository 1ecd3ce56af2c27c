package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.auth.OidcIssuerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --oidc-issuer} and {@code FLUXRP_OIDC_ISSUERS}; no server is started. */
class OidcIssuerOptionTest {

  private static final String ENTRA_V2 =
      "issuer=https://login.microsoftonline.com/tid-1/v2.0,"
          + "jwks=https://login.microsoftonline.com/tid-1/discovery/v2.0/keys,"
          + "audience=api://fluxrp,audience=3fa2c4a5-0000-4000-8000-00000000abcd";
  private static final String FILE_ISSUER =
      "issuer=https://idp.example/, jwks=/etc/fluxrp/jwks.json, audience=fluxrp";

  @TempDir Path tmp;

  @Test
  void noIssuersByDefault() {
    assertThat(issuers(Map.of())).isEmpty();
  }

  @Test
  void theOptionIsRepeatable() {
    assertThat(issuers(Map.of(), "--oidc-issuer", ENTRA_V2, "--oidc-issuer=" + FILE_ISSUER))
        .containsExactly(
            new OidcIssuerSettings(
                "https://login.microsoftonline.com/tid-1/v2.0",
                "https://login.microsoftonline.com/tid-1/discovery/v2.0/keys",
                List.of("api://fluxrp", "3fa2c4a5-0000-4000-8000-00000000abcd")),
            new OidcIssuerSettings(
                "https://idp.example/", "/etc/fluxrp/jwks.json", List.of("fluxrp")));
  }

  @Test
  void theEnvironmentSeparatesIssuersWithSemicolonsAndTheOptionWins() {
    Map<String, String> env = Map.of("FLUXRP_OIDC_ISSUERS", ENTRA_V2 + ";" + FILE_ISSUER);

    assertThat(issuers(env))
        .extracting(OidcIssuerSettings::issuer)
        .containsExactly("https://login.microsoftonline.com/tid-1/v2.0", "https://idp.example/");
    assertThat(issuers(env, "--oidc-issuer", FILE_ISSUER))
        .extracting(OidcIssuerSettings::issuer)
        .containsExactly("https://idp.example/");
  }

  @Test
  void malformedValuesAreUsageErrors() {
    List<String> bad =
        List.of(
            "https://login.microsoftonline.com/tid-1/v2.0",
            "issuer=https://idp.example/,jwks=/k.json",
            "issuer=https://idp.example/,audience=a",
            "jwks=/k.json,audience=a",
            "issuer=https://idp.example/,jwks=/k.json,audience=",
            "issuer=a,issuer=b,jwks=/k.json,audience=a",
            "issuer=https://idp.example/,jwks=/k.json,audience=a,scope=x",
            "issuer=https://idp.example/,jwks=https://,audience=a");
    for (String value : bad) {
      Cli result =
          Cli.run("serve", "--port", "0", "--data-dir", tmp.toString(), "--oidc-issuer", value);

      assertThat(result.exitCode()).as(value).isEqualTo(2);
      assertThat(result.err()).as(value).contains("--oidc-issuer", "issuer=<iss>,jwks=");
      assertThat(result.out()).as(value).isEmpty();
    }
    Cli fromEnv =
        Cli.run(Map.of("FLUXRP_OIDC_ISSUERS", FILE_ISSUER + ";nonsense"), "serve", "--port", "0");
    assertThat(fromEnv.exitCode()).isEqualTo(2);
    assertThat(fromEnv.err()).contains("'nonsense'");
  }

  @Test
  void anIssuerConfiguredTwiceIsAUsageErrorBeforeAnythingStarts() throws Exception {
    Path dataDir = tmp.resolve("data");
    Cli twice =
        Cli.run(
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--oidc-issuer",
            FILE_ISSUER,
            "--oidc-issuer",
            FILE_ISSUER);
    Cli embedded =
        Cli.run(
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--oidc-issuer",
            "issuer=https://fluxrp.local/embedded-issuer,jwks=/k.json,audience=x");

    for (Cli result : List.of(twice, embedded)) {
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("--oidc-issuer", "configured twice");
    }
    assertThat(Files.exists(dataDir)).isFalse();
  }

  private static List<OidcIssuerSettings> issuers(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    ServeCommand serve = (ServeCommand) cmd.parseArgs(all).subcommand().commandSpec().userObject();
    return serve.serverConfig().oidcIssuers();
  }
}
