package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.agentapi.DesiredEntry;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.TestServer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Write-only values: {@code configurationProtectedSettings} and every {@code x-ms-secret} field
 * reach the cluster's desired state and never a response; absent keeps, {@code {}} clears, PATCH
 * merges per key. Every planted value is checked against every response body after the class.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class SecretsTest {
  private static TestServer test;
  private static ArmClient client;

  @BeforeAll
  static void start() {
    test = TestServer.start();
    client = test.client();
  }

  @AfterAll
  static void stop() {
    test.close();
  }

  /** The desired state the cluster receives (write-only values included). */
  private static JsonNode desired(String name) {
    String clusterKey = ArmClient.CLUSTER.toLowerCase(Locale.ROOT);
    List<DesiredEntry> entries =
        test.server().feed().read(clusterKey, 0, 1000).entries().stream()
            .filter(e -> e.name().equals(name))
            .toList();
    assertThat(entries).hasSize(1);
    return entries.get(0).properties();
  }

  /** Every read of the configuration: GET in each version, LIST, the operation result. */
  private static void readEverywhere(String name) {
    for (String version : List.of("2022-03-01", "2023-05-01", "2024-11-01", "2025-04-01")) {
      assertThat(client.get(v(config(name), version)).status()).isEqualTo(200);
      assertThat(client.get(v(ArmClient.COLLECTION, version)).status()).isEqualTo(200);
    }
  }

  private static String gitWithSettings(String settings) {
    return """
        {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git"},
          "kustomizations": {"apps": {}}%s}}
        """
        .formatted(settings);
  }

  @Test
  void protectedSettingsAreKeptWhenOmittedClearedByEmptyAndMergedByPatch() {
    String name = "secret-settings";
    String httpsKey = PlantedSecrets.base64("httpsKey");
    String extra = PlantedSecrets.text("extra");
    String third = PlantedSecrets.text("third");
    ArmClient.Response created =
        client.put(
            v(config(name)),
            gitWithSettings(
                ", \"configurationProtectedSettings\": {\"httpsKey\": \"%s\", \"extra\": \"%s\", \"third\": \"%s\"}"
                    .formatted(httpsKey, extra, third)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().path("properties").has("configurationProtectedSettings")).isFalse();
    assertThat(desired(name).path("configurationProtectedSettings"))
        .isEqualTo(
            Bodies.parse(
                "{\"httpsKey\": \"%s\", \"extra\": \"%s\", \"third\": \"%s\"}"
                    .formatted(httpsKey, extra, third)));
    test.syncClusters();
    readEverywhere(name);

    // a PUT without configurationProtectedSettings keeps them (and changes nothing)
    ArmClient.Response omitted = client.put(v(config(name)), gitWithSettings(""));
    assertThat(omitted.status()).as("%s", omitted).isEqualTo(200);
    Arm.assertNoLro(omitted);
    assertThat(desired(name).at("/configurationProtectedSettings/httpsKey").asText())
        .isEqualTo(httpsKey);
    assertThat(desired(name).at("/configurationProtectedSettings/extra").asText()).isEqualTo(extra);

    // the GET body sent back (GET-modify-PUT) keeps them too
    JsonNode get = client.get(v(config(name))).json();
    ObjectNode modified = get.deepCopy();
    ((ObjectNode) modified.at("/properties/kustomizations/apps")).put("path", "./apps");
    ArmClient.Response modifiedPut = client.put(v(config(name)), Bodies.write(modified));
    assertThat(modifiedPut.status()).as("%s", modifiedPut).isEqualTo(200);
    assertThat(desired(name).path("configurationProtectedSettings").size()).isEqualTo(3);
    test.syncClusters();

    // PATCH merges per key: replace one, remove one, keep one
    String newExtra = PlantedSecrets.text("extra-2");
    ArmClient.Response patched =
        client.patch(
            v(config(name)),
            "{\"properties\": {\"configurationProtectedSettings\": {\"extra\": \"%s\", \"third\": null}}}"
                .formatted(newExtra));
    assertThat(patched.status()).as("%s", patched).isEqualTo(202);
    assertThat(patched.json().path("properties").has("configurationProtectedSettings")).isFalse();
    assertThat(desired(name).path("configurationProtectedSettings"))
        .isEqualTo(
            Bodies.parse(
                "{\"httpsKey\": \"%s\", \"extra\": \"%s\"}".formatted(httpsKey, newExtra)));
    test.syncClusters();
    ArmClient.Response result =
        client.get(Arm.assertLro(patched, client.base(), config(name), "2025-04-01").locationUrl());
    assertThat(result.status()).isEqualTo(200);

    // a PATCH that omits them keeps them
    assertThat(client.patch(v(config(name)), "{\"properties\": {\"suspend\": true}}").status())
        .isEqualTo(202);
    assertThat(desired(name).path("configurationProtectedSettings").size()).isEqualTo(2);

    // {} clears them all (httpsUser goes too: it needs the key)
    ArmClient.Response cleared =
        client.put(
            v(config(name)),
            """
            {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo"},
              "kustomizations": {"apps": {}}, "configurationProtectedSettings": {}}}
            """);
    assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
    JsonNode settings = desired(name).path("configurationProtectedSettings");
    assertThat(settings.isMissingNode() || settings.isEmpty()).as("%s", settings).isTrue();
    readEverywhere(name);
  }

  @Test
  void nullClearsProtectedSettingsToo() {
    String name = "secret-null";
    ArmClient.Response created =
        client.put(
            v(config(name)),
            gitWithSettings(
                ", \"configurationProtectedSettings\": {\"httpsKey\": \"%s\"}"
                    .formatted(PlantedSecrets.base64("httpsKey-null"))));
    assertThat(created.status()).isEqualTo(201);

    ArmClient.Response cleared =
        client.put(
            v(config(name)),
            """
            {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo"},
              "kustomizations": {"apps": {}}, "configurationProtectedSettings": null}}
            """);

    assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
    assertThat(desired(name).has("configurationProtectedSettings")).isFalse();
  }

  @Test
  void azureBlobSecretsAreWriteOnly() {
    String accountKey = PlantedSecrets.text("accountKey");
    String name = "secret-blob-key";
    ArmClient.Response created =
        client.put(
            v(config(name)),
            """
            {"properties": {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://acct.blob.core.windows.net",
              "containerName": "flux", "accountKey": "%s"}, "kustomizations": {"apps": {}}}}
            """
                .formatted(accountKey));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().at("/properties/azureBlob").has("accountKey")).isFalse();
    assertThat(desired(name).at("/azureBlob/accountKey").asText()).isEqualTo(accountKey);
    test.syncClusters();
    readEverywhere(name);

    // GET-modify-PUT keeps the key the client never saw
    ObjectNode body = client.get(v(config(name))).json().deepCopy();
    ((ObjectNode) body.at("/properties/azureBlob")).put("containerName", "flux2");
    ArmClient.Response put = client.put(v(config(name)), Bodies.write(body));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    assertThat(desired(name).at("/azureBlob/accountKey").asText()).isEqualTo(accountKey);
    assertThat(desired(name).at("/azureBlob/containerName").asText()).isEqualTo("flux2");

    // a PATCH of another field keeps it; switching to a SAS token replaces it
    assertThat(
            client
                .patch(
                    v(config(name)),
                    "{\"properties\": {\"azureBlob\": {\"timeoutInSeconds\": 60}}}")
                .status())
        .isEqualTo(202);
    assertThat(desired(name).at("/azureBlob/accountKey").asText()).isEqualTo(accountKey);
    String sasToken = PlantedSecrets.text("sasToken");
    ArmClient.Response sas =
        client.patch(
            v(config(name)),
            "{\"properties\": {\"azureBlob\": {\"accountKey\": null, \"sasToken\": \"%s\"}}}"
                .formatted(sasToken));
    assertThat(sas.status()).as("%s", sas).isEqualTo(202);
    assertThat(desired(name).at("/azureBlob").has("accountKey")).isFalse();
    assertThat(desired(name).at("/azureBlob/sasToken").asText()).isEqualTo(sasToken);

    // two methods at once is refused, without echoing either value
    ArmClient.Response both =
        client.patch(
            v(config(name)),
            "{\"properties\": {\"azureBlob\": {\"accountKey\": \"%s\"}}}"
                .formatted(PlantedSecrets.text("accountKey-refused")));
    Arm.assertError(both, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(both)).containsExactly("properties.azureBlob");
    test.syncClusters();
    readEverywhere(name);
  }

  @Test
  void servicePrincipalSecretsAreWriteOnly() {
    String clientSecret = PlantedSecrets.text("clientSecret");
    String name = "secret-sp-secret";
    ArmClient.Response created =
        client.put(
            v(config(name)),
            """
            {"properties": {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://acct.blob.core.windows.net",
              "containerName": "flux", "servicePrincipal": {"clientId": "app", "tenantId": "tenant",
              "clientSecret": "%s"}}, "kustomizations": {"apps": {}}}}
            """
                .formatted(clientSecret));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode sp = created.json().at("/properties/azureBlob/servicePrincipal");
    assertThat(Arm.fieldNames(sp))
        .containsExactlyInAnyOrder("clientId", "tenantId", "clientCertificateSendChain");
    assertThat(desired(name).at("/azureBlob/servicePrincipal/clientSecret").asText())
        .isEqualTo(clientSecret);

    String certificate = PlantedSecrets.base64("clientCertificate");
    String password = PlantedSecrets.text("clientCertificatePassword");
    String certName = "secret-sp-cert";
    ArmClient.Response withCertificate =
        client.put(
            v(config(certName)),
            """
            {"properties": {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://acct.blob.core.windows.net",
              "containerName": "flux", "servicePrincipal": {"clientId": "app", "tenantId": "tenant",
              "clientCertificate": "%s", "clientCertificatePassword": "%s",
              "clientCertificateSendChain": true}}, "kustomizations": {"apps": {}}}}
            """
                .formatted(certificate, password));
    assertThat(withCertificate.status()).as("%s", withCertificate).isEqualTo(201);
    assertThat(Arm.fieldNames(withCertificate.json().at("/properties/azureBlob/servicePrincipal")))
        .containsExactlyInAnyOrder("clientId", "tenantId", "clientCertificateSendChain");
    JsonNode stored = desired(certName).at("/azureBlob/servicePrincipal");
    assertThat(stored.path("clientCertificate").asText()).isEqualTo(certificate);
    assertThat(stored.path("clientCertificatePassword").asText()).isEqualTo(password);

    // both credentials at once, or a certificate that is not base64: refused without echo
    ArmClient.Response refused =
        client.patch(
            v(config(certName)),
            "{\"properties\": {\"azureBlob\": {\"servicePrincipal\": {\"clientSecret\": \"%s\"}}}}"
                .formatted(PlantedSecrets.text("clientSecret-refused")));
    Arm.assertError(refused, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(refused)).containsExactly("properties.azureBlob.servicePrincipal");
    ArmClient.Response notBase64 =
        client.patch(
            v(config(certName)),
            "{\"properties\": {\"azureBlob\": {\"servicePrincipal\": {\"clientCertificate\": \"%s\"}}}}"
                .formatted("%" + PlantedSecrets.text("clientCertificate-not-base64")));
    Arm.assertError(notBase64, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(notBase64))
        .containsExactly("properties.azureBlob.servicePrincipal.clientCertificate");
    test.syncClusters();
    readEverywhere(name);
    readEverywhere(certName);
  }

  @Test
  void ociTlsSecretsAreWriteOnly() {
    String certificate = PlantedSecrets.base64("tls-clientCertificate");
    String privateKey = PlantedSecrets.base64("tls-privateKey");
    String ca = PlantedSecrets.base64("tls-caCertificate");
    String name = "secret-oci-tls";
    ArmClient.Response created =
        client.put(
            v(config(name)),
            """
            {"properties": {"sourceKind": "OCIRepository", "ociRepository": {"url": "oci://registry.example.com/manifests",
              "tlsConfig": {"clientCertificate": "%s", "privateKey": "%s", "caCertificate": "%s"}},
              "kustomizations": {"apps": {}}}}
            """
                .formatted(certificate, privateKey, ca));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode oci = created.json().at("/properties/ociRepository");
    assertThat(oci.path("tlsConfig").isMissingNode() || oci.path("tlsConfig").isEmpty())
        .as("%s", oci)
        .isTrue();
    JsonNode stored = desired(name).at("/ociRepository/tlsConfig");
    assertThat(stored)
        .isEqualTo(
            Bodies.parse(
                "{\"clientCertificate\": \"%s\", \"privateKey\": \"%s\", \"caCertificate\": \"%s\"}"
                    .formatted(certificate, privateKey, ca)));
    test.syncClusters();
    readEverywhere(name);

    // PATCH one of them; the others stay
    String newCa = PlantedSecrets.base64("tls-caCertificate-2");
    ArmClient.Response patched =
        client.patch(
            v(config(name)),
            "{\"properties\": {\"ociRepository\": {\"tlsConfig\": {\"caCertificate\": \"%s\"}}}}"
                .formatted(newCa));
    assertThat(patched.status()).as("%s", patched).isEqualTo(202);
    assertThat(desired(name).at("/ociRepository/tlsConfig/caCertificate").asText())
        .isEqualTo(newCa);
    assertThat(desired(name).at("/ociRepository/tlsConfig/privateKey").asText())
        .isEqualTo(privateKey);
    test.syncClusters();
    readEverywhere(name);
  }

  @Test
  void aPasswordInASourceUrlIsRefusedWithoutEcho() {
    String password = PlantedSecrets.text("url-password");
    String name = "secret-url";

    ArmClient.Response response =
        client.put(
            v(config(name)),
            "{\"properties\": {\"gitRepository\": {\"url\": \"https://git:%s@github.com/fluxrp/demo\"}}}"
                .formatted(password));

    Arm.assertError(response, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(response)).containsExactly("properties.gitRepository.url");
    assertThat(response.text()).doesNotContain(password);
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
  }

  @Test
  void noPlantedSecretInAnyResponseSoFar() {
    for (String version : List.of("2022-03-01", "2024-04-01-preview", "2025-04-01")) {
      assertThat(client.get(v(ArmClient.COLLECTION, version)).status()).isEqualTo(200);
    }
    PlantedSecrets.assertNoneLeaked();
    assertThat(PlantedSecrets.all()).isNotEmpty();
  }
}
