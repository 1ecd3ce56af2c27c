package io.fluxrp.cli;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.secrets.KeyRingFile;
import io.fluxrp.server.secrets.SecretCipher;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.RawDatabase;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fluxrp secrets rotate} against a real server's admin API. */
class SecretsCommandTest {
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();
  private static final Pattern ROTATED =
      Pattern.compile(
          "Secrets are now encrypted with key (kek-[0-9TZ]+-[0-9a-f]{8}); (\\d+) configuration\\(s\\)"
              + " re-encrypted\\.\\R");

  private static Cli rotate(String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "secrets";
    args[1] = "rotate";
    args[2] = "--server";
    args[3] = client.base().toString();
    System.arraycopy(options, 0, args, 4, options.length);
    return Cli.run(args);
  }

  private static String token() {
    return server.test().server().mintAdminToken(Duration.ofMinutes(10));
  }

  private static String createWithSecret(String name) {
    String secret = PlantedSecrets.base64("cli-" + name);
    ArmClient.Response put =
        client.put(
            v(config(name)),
            """
            {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git"},
              "kustomizations": {"apps": {}}, "configurationProtectedSettings": {"httpsKey": "%s"}}}
            """
                .formatted(secret));
    assertThat(put.status()).as("%s", put).isEqualTo(201);
    return secret;
  }

  private static String desiredHttpsKey(String name) {
    List<DesiredEntry> entries = server.test().desiredEntries(name);
    assertThat(entries).hasSize(1);
    return entries.get(0).properties().at("/configurationProtectedSettings/httpsKey").asText();
  }

  @Test
  void rotateReencryptsEveryConfigurationUnderANewKey() {
    TestServer test = server.test();
    Map<String, String> secrets =
        Map.of("cli-a", createWithSecret("cli-a"), "cli-b", createWithSecret("cli-b"));
    Path keyFile = test.dataDir().resolve("secret-keys.json");
    String before = KeyRingFile.load(keyFile).current().id();

    Cli result = rotate("--token", token());

    assertThat(result.exitCode()).as("%s", result).isZero();
    Matcher printed = ROTATED.matcher(result.out());
    assertThat(printed.matches()).as(result.out()).isTrue();
    String keyId = printed.group(1);
    assertThat(keyId).isNotEqualTo(before).isEqualTo(KeyRingFile.load(keyFile).current().id());
    assertThat(Long.parseLong(printed.group(2))).isGreaterThanOrEqualTo(2);
    secrets.forEach((name, value) -> assertThat(desiredHttpsKey(name)).isEqualTo(value));
    test.server().close();
    List<Map<String, String>> rows =
        RawDatabase.query(
            test.dataDir(),
            "SELECT SECRETS_JSON FROM FLUX_CONFIGURATIONS WHERE SECRETS_JSON IS NOT NULL");
    test.restart();
    assertThat(rows)
        .isNotEmpty()
        .allSatisfy(
            row -> assertThat(SecretCipher.keyIdOf(row.get("SECRETS_JSON"))).contains(keyId));
    secrets.forEach((name, value) -> assertThat(desiredHttpsKey(name)).isEqualTo(value));
  }

  @Test
  void withoutATokenItMintsOneFromTheDataDirectory() {
    Cli result = rotate("--data-dir", server.test().dataDir().toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).matches(ROTATED);
  }

  @Test
  void aRejectedTokenFailsWithTheServersAnswer() {
    Cli result = rotate("--token", "not-a-jwt");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("fluxrp: InvalidAuthenticationToken: ");
  }

  @Test
  void secretsNeedsASubcommand() {
    Cli result = Cli.run("secrets");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required subcommand");
    assertThat(Cli.run("secrets", "rotate", "--help").out())
        .contains("--server")
        .contains("--token");
  }
}
