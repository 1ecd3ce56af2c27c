package io.fluxrp.server.secrets;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.LogCapture;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.RawDatabase;
import io.fluxrp.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plants known secret values, runs the real flows (create, replace, patch, read, list, bad
 * requests, a decryption failure, rotation, delete) and looks for the values in every response
 * status line, header and body and in every log line at DEBUG and up, stack traces included. The
 * agent feed is left out: it is where the values legitimately go.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class SecretLeakScanTest {
  private final SecretFixtures secrets = new SecretFixtures();
  private final StringBuilder answers = new StringBuilder();

  private ArmClient.Response seen(ArmClient.Response response) {
    answers.append(response).append('\n');
    return response;
  }

  @Test
  void noPlantedValueReachesAResponseOrALogLine() {
    String logs;
    try (LogCapture capture = new LogCapture();
        TestServer test = TestServer.start()) {
      runEveryFlow(test, test.client());
      logs = capture.text();
    }

    assertThat(logs)
        .as("the capture saw the server's logs")
        .contains("secrets rotated to key")
        .contains("request failed: GET")
        .contains("cannot decrypt the secrets of configuration 'leak-blob'");
    assertThat(answers).as("the answers").contains("InternalServerError").contains("\"keyId\"");
    secrets.assertNoneIn("a response", answers.toString());
    secrets.assertNoneIn("the logs", logs);
  }

  private void runEveryFlow(TestServer test, ArmClient client) {
    secrets.createAll(client, "leak");
    test.syncClusters();
    replaceAndPatch(client);
    readEverything(client);
    badRequests(client);
    seen(client.send("POST", SecretsAtRestTest.ROTATE, null, Map.of()));
    readEverything(client);
    decryptionFailure(test, client);
    for (String name : secrets.expected.keySet()) {
      seen(client.delete(v(config(name))));
    }
    test.syncClusters();
    seen(client.get(v(ArmClient.COLLECTION)));
  }

  private void replaceAndPatch(ArmClient client) {
    String name = "leak-https";
    seen(
        client.put(
            v(config(name)),
            """
            {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git2"},
              "kustomizations": {"apps": {}},
              "configurationProtectedSettings": {"httpsKey": "%s"}}}
            """
                .formatted(secrets.base64("replaced-httpsKey"))));
    seen(
        client.patch(
            v(config("leak-blob")),
            "{\"properties\": {\"azureBlob\": {\"accountKey\": \"%s\"}}}"
                .formatted(secrets.text("patched-accountKey"))));
    seen(
        client.patch(
            v(config("leak-sp")),
            "{\"properties\": {\"azureBlob\": {\"servicePrincipal\": {\"clientSecret\": \"%s\"}}}}"
                .formatted(secrets.text("patched-clientSecret"))));
  }

  private void readEverything(ArmClient client) {
    for (String version : List.of("2022-03-01", "2023-05-01", "2024-11-01", "2025-04-01")) {
      seen(client.get(v(ArmClient.COLLECTION, version)));
      for (String name : secrets.expected.keySet()) {
        seen(client.get(v(config(name), version)));
      }
    }
  }

  private void badRequests(ArmClient client) {
    String secret = secrets.text("bad-request");
    String body =
        "{\"properties\": {\"gitRepository\": {\"url\": \"ftp://example.com/x\"},"
            + " \"configurationProtectedSettings\": {\"httpsKey\": \"%s\"}}}";
    seen(client.put(v(config("leak-invalid")), body.formatted(secret)));
    seen(client.put(config("leak-invalid") + "?api-version=1999-01-01", body.formatted(secret)));
    seen(client.put(v("/subscriptions/s/nowhere/leak"), body.formatted(secret)));
    seen(client.put(v(config("leak-https") + "/extra/segments"), body.formatted(secret)));
    seen(client.put(v(config("bad%20name!")), body.formatted(secret)));
    seen(
        client.put(
            v(config("leak-json")),
            "{\"properties\": {\"configurationProtectedSettings\": {\"httpsKey\": %s}}}"
                .formatted(secrets.text("unquoted"))));
    seen(
        client.put(
            v(config("leak-json")),
            "{\"properties\": {\"configurationProtectedSettings\": {\"httpsKey\": \"%s"
                .formatted(secrets.text("unterminated"))));
    seen(
        client.put(
            v(config("leak-blob")),
            SecretFixtures.blob("\"accountKey\": [\"%s\"]".formatted(secrets.text("wrong-type")))));
    seen(
        client.put(
            v(config("leak-cert")),
            SecretFixtures.blob(
                "\"servicePrincipal\": {\"clientId\": \"a\", \"tenantId\": \"t\","
                    + " \"clientCertificate\": \"%%%s\"}".formatted(secrets.text("not-base64")))));
    seen(
        client.sendJson(
            "PATCH",
            v(config("leak-https")),
            "{\"properties\": {\"configurationProtectedSettings\": {\"httpsKey\": \"%s\"}}}"
                .formatted(secrets.base64("stale-etag")),
            Map.of("If-Match", "\"0\"")));
    seen(client.send("POST", v(config("leak-https")), body.formatted(secret), Map.of()));
  }

  /** A ciphertext copied onto another row: 500, logged with its stack trace. */
  private void decryptionFailure(TestServer test, ArmClient client) {
    test.server().close();
    RawDatabase.update(
        test.dataDir(),
        "UPDATE FLUX_CONFIGURATIONS SET SECRETS_JSON = (SELECT SECRETS_JSON FROM"
            + " FLUX_CONFIGURATIONS WHERE NAME_KEY = ?) WHERE NAME_KEY = ?",
        "leak-https",
        "leak-blob");
    test.restart();
    assertThat(seen(client.get(v(config("leak-blob")))).status()).isEqualTo(500);
    seen(client.send("POST", SecretsAtRestTest.ROTATE, null, Map.of()));
    test.server().close();
    RawDatabase.update(
        test.dataDir(), "DELETE FROM FLUX_CONFIGURATIONS WHERE NAME_KEY = 'leak-blob'");
    test.restart();
    secrets.expected.remove("leak-blob");
  }
}
