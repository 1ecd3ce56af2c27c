package io.fluxrp.server.secrets;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.RawDatabase;
import io.fluxrp.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets at rest through the real server: the database holds only ciphertext, rotation re-encrypts
 * every configuration under a new key and the cluster still receives the exact values, values
 * stored before encryption are still read.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class SecretsAtRestTest {
  static final String ROTATE = "/admin/v1/secrets/rotate";
  private static final String SECRETS_COLUMN =
      "SELECT NAME_KEY, SECRETS_JSON FROM FLUX_CONFIGURATIONS WHERE SECRETS_JSON IS NOT NULL";

  private final TestServer test = TestServer.start();
  private final ArmClient client = test.client();
  private final SecretFixtures secrets = new SecretFixtures();

  @AfterEach
  void stop() {
    test.close();
  }

  private Path keyFile() {
    return test.dataDir().resolve("secret-keys.json");
  }

  /** Stops the server, runs {@code raw} on its database, starts it again. */
  private void whileStopped(Runnable raw) {
    test.server().close();
    raw.run();
    test.restart();
  }

  /** Configuration name to the key id its secrets are sealed with ("" for none). */
  private Map<String, String> keyIdsInTheDatabase() {
    Map<String, String> ids = new java.util.TreeMap<>();
    for (Map<String, String> row : RawDatabase.query(test.dataDir(), SECRETS_COLUMN)) {
      ids.put(row.get("NAME_KEY"), SecretCipher.keyIdOf(row.get("SECRETS_JSON")).orElse(""));
    }
    return ids;
  }

  /** Every expected secret is in the cluster's desired state, exactly. */
  private void assertTheClusterGetsEveryValue() {
    secrets.expected.forEach(
        (name, values) -> {
          List<DesiredEntry> entries = test.desiredEntries(name);
          assertThat(entries).as("feed of %s", name).hasSize(1);
          values.forEach(
              (pointer, value) ->
                  assertThat(entries.get(0).properties().at(pointer).asText())
                      .as("%s %s", name, pointer)
                      .isEqualTo(value));
        });
  }

  private ArmClient.Response rotate() {
    ArmClient.Response response = client.send("POST", ROTATE, null, Map.of());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response;
  }

  @Test
  void theDatabaseHoldsOnlyCiphertext() throws IOException {
    secrets.createAll(client, "raw");
    test.syncClusters();
    String patched = secrets.base64("patched-httpsKey");
    assertThat(
            client
                .patch(
                    v(config("raw-https")),
                    "{\"properties\": {\"configurationProtectedSettings\": {\"httpsKey\": \"%s\"}}}"
                        .formatted(patched))
                .status())
        .isEqualTo(202);
    secrets.expected.put("raw-https", Map.of("/configurationProtectedSettings/httpsKey", patched));
    String keyId = KeyRingFile.load(keyFile()).current().id();

    test.server().close();
    for (Map<String, String> row : RawDatabase.everyRow(test.dataDir())) {
      secrets.assertNoneIn("a database row", row.toString());
    }
    assertThat(keyIdsInTheDatabase()).hasSize(6).containsOnlyKeys(secrets.expected.keySet());
    assertThat(keyIdsInTheDatabase().values()).containsOnly(keyId);
    secrets.assertNoneIn("the data directory's files", dataDirectoryBytes());
    test.restart();

    assertTheClusterGetsEveryValue();
  }

  /** Every file of the data directory but the key file, as Latin-1 text (the raw H2 file too). */
  private String dataDirectoryBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(test.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.equals(keyFile())) {
          all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
    }
    assertThat(all).as("the H2 file").isNotEmpty();
    return all.toString();
  }

  @Test
  void rotationReencryptsEverythingAndTheClusterStillGetsEveryValue() throws IOException {
    secrets.createAll(client, "rot");
    test.syncClusters();
    String oldKey = KeyRingFile.load(keyFile()).current().id();

    ArmClient.Response rotated = rotate();

    String newKey = rotated.json().path("keyId").asText();
    assertThat(rotated.json().path("reencrypted").asLong()).isEqualTo(6);
    assertThat(newKey).isNotEqualTo(oldKey);
    KeyRing ring = KeyRingFile.load(keyFile());
    assertThat(ring.keys()).extracting(KeyEncryptionKey::id).containsExactly(oldKey, newKey);
    assertThat(Files.getPosixFilePermissions(keyFile()))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertTheClusterGetsEveryValue();
    String added = secrets.base64("after-rotation");
    assertThat(
            client
                .put(
                    v(config("rot-after")),
                    "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
                        + " \"httpsUser\": \"git\"}, \"kustomizations\": {\"apps\": {}},"
                        + " \"configurationProtectedSettings\": {\"httpsKey\": \"%s\"}}}"
                            .formatted(added))
                .status())
        .isEqualTo(201);
    secrets.expected.put("rot-after", Map.of("/configurationProtectedSettings/httpsKey", added));

    whileStopped(() -> assertThat(keyIdsInTheDatabase().values()).hasSize(7).containsOnly(newKey));

    assertTheClusterGetsEveryValue();
    ArmClient.Response again = rotate();
    assertThat(again.json().path("reencrypted").asLong()).isEqualTo(7);
    assertThat(KeyRingFile.load(keyFile()).keys()).hasSize(3);
    test.restart();
    assertTheClusterGetsEveryValue();
  }

  @Test
  void valuesStoredBeforeEncryptionAreReadAndEncryptedByTheNextWriteOrRotation() {
    secrets.createAll(client, "legacy");
    test.syncClusters();
    String httpsKey =
        secrets.expected.get("legacy-https").get("/configurationProtectedSettings/httpsKey");
    String extra =
        secrets.expected.get("legacy-https").get("/configurationProtectedSettings/extra");
    String accountKey = secrets.expected.get("legacy-blob").get("/azureBlob/accountKey");
    whileStopped(
        () -> {
          plaintext(
              "legacy-https",
              "{\"configurationProtectedSettings\": {\"httpsKey\": \"%s\", \"extra\": \"%s\"}}"
                  .formatted(httpsKey, extra));
          plaintext(
              "legacy-blob", "{\"azureBlob\": {\"accountKey\": \"%s\"}}".formatted(accountKey));
        });

    assertTheClusterGetsEveryValue();
    assertThat(
            client
                .patch(v(config("legacy-https")), "{\"properties\": {\"suspend\": true}}")
                .status())
        .isEqualTo(202);
    whileStopped(
        () ->
            assertThat(keyIdsInTheDatabase())
                .containsEntry("legacy-https", KeyRingFile.load(keyFile()).current().id())
                .containsEntry("legacy-blob", ""));
    assertTheClusterGetsEveryValue();

    assertThat(rotate().json().path("reencrypted").asLong()).isEqualTo(6);
    whileStopped(() -> assertThat(keyIdsInTheDatabase().values()).doesNotContain(""));
    assertTheClusterGetsEveryValue();
  }

  private void plaintext(String name, String json) {
    assertThat(
            RawDatabase.update(
                test.dataDir(),
                "UPDATE FLUX_CONFIGURATIONS SET SECRETS_JSON = ? WHERE NAME_KEY = ?",
                json,
                name))
        .isEqualTo(1);
  }

  @Test
  void aCiphertextCopiedToAnotherConfigurationDoesNotDecrypt() {
    secrets.createAll(client, "copy");
    whileStopped(
        () ->
            RawDatabase.update(
                test.dataDir(),
                "UPDATE FLUX_CONFIGURATIONS SET SECRETS_JSON = (SELECT SECRETS_JSON FROM"
                    + " FLUX_CONFIGURATIONS WHERE NAME_KEY = ?) WHERE NAME_KEY = ?",
                "copy-https",
                "copy-blob"));

    ArmClient.Response get = client.get(v(config("copy-blob")));

    Arm.assertError(get, 500, "InternalServerError");
    secrets.assertNoneIn("the 500 answer", get.toString());
    assertThat(client.get(v(config("copy-https"))).status()).isEqualTo(200);
  }

  @Test
  void rotationIsForAdministratorsAndTakesNoBody() {
    Arm.assertError(
        client.send("POST", ROTATE, null, Map.of("Authorization", "")),
        401,
        "InvalidAuthenticationToken");
    Arm.assertError(
        client.sendJson("POST", ROTATE, "{\"keyId\": \"mine\"}", Map.of()),
        400,
        "InvalidRequestContent");
    assertThat(client.sendJson("POST", ROTATE, "{}", Map.of()).status()).isEqualTo(200);
    Arm.assertError(client.get(ROTATE), 405, "MethodNotAllowed");
  }
}
