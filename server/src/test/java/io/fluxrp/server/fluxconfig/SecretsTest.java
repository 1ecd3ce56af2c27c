package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Write-only values: {@code configurationProtectedSettings} and every {@code x-ms-secret} field
 * reach the cluster's desired state and never a response; absent keeps, {@code {}} clears, PATCH
 * merges per key. Every planted value is checked against every response body after the class.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class SecretsTest {
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /** The desired state the cluster receives (write-only values included). */
  private static JsonNode desired(String name) {
    List<DesiredEntry> entries = server.desiredEntries(name);
    assertThat(entries).as("feed entries of %s", name).hasSize(1);
    return entries.get(0).properties();
  }

  /** Reads the configuration by GET and LIST in several versions (for the leak check). */
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

  /** An Azure Blob configuration; {@code credentials}: more members of {@code azureBlob}. */
  private static String azureBlobWith(String credentials) {
    return """
        {"properties": {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://acct.blob.core.windows.net",
          "containerName": "flux", %s}, "kustomizations": {"apps": {}}}}
        """
        .formatted(credentials);
  }

  /** A {@code servicePrincipal} member with these credentials. */
  private static String servicePrincipal(String credentials) {
    return "\"servicePrincipal\": {\"clientId\": \"app\", \"tenantId\": \"tenant\", %s}"
        .formatted(credentials);
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
    server.syncClusters();
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
    server.syncClusters();

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
    server.syncClusters();
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
    assertThat(desired(name).path("configurationProtectedSettings")).isEqualTo(Bodies.parse("{}"));
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
        client.put(v(config(name)), azureBlobWith("\"accountKey\": \"%s\"".formatted(accountKey)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().at("/properties/azureBlob").has("accountKey")).isFalse();
    assertThat(desired(name).at("/azureBlob/accountKey").asText()).isEqualTo(accountKey);
    server.syncClusters();
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
    Arm.assertInvalidContent(both, "properties.azureBlob");
    server.syncClusters();
    readEverywhere(name);
  }

  @Test
  void servicePrincipalSecretsAreWriteOnly() {
    String clientSecret = PlantedSecrets.text("clientSecret");
    String name = "secret-sp-secret";
    ArmClient.Response created =
        client.put(
            v(config(name)),
            azureBlobWith(servicePrincipal("\"clientSecret\": \"%s\"".formatted(clientSecret))));
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
            azureBlobWith(
                servicePrincipal(
                    "\"clientCertificate\": \"%s\", \"clientCertificatePassword\": \"%s\","
                            .formatted(certificate, password)
                        + " \"clientCertificateSendChain\": true")));
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
    Arm.assertInvalidContent(refused, "properties.azureBlob.servicePrincipal");
    ArmClient.Response notBase64 =
        client.patch(
            v(config(certName)),
            "{\"properties\": {\"azureBlob\": {\"servicePrincipal\": {\"clientCertificate\": \"%s\"}}}}"
                .formatted("%" + PlantedSecrets.text("clientCertificate-not-base64")));
    Arm.assertInvalidContent(notBase64, "properties.azureBlob.servicePrincipal.clientCertificate");
    server.syncClusters();
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
    // an object of only write-only values shows empty (a GET-modify-PUT sends it back)
    assertThat(created.json().at("/properties/ociRepository/tlsConfig"))
        .isEqualTo(Bodies.parse("{}"));
    JsonNode stored = desired(name).at("/ociRepository/tlsConfig");
    assertThat(stored)
        .isEqualTo(
            Bodies.parse(
                "{\"clientCertificate\": \"%s\", \"privateKey\": \"%s\", \"caCertificate\": \"%s\"}"
                    .formatted(certificate, privateKey, ca)));
    server.syncClusters();
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
    server.syncClusters();
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

    Arm.assertInvalidContent(response, "properties.gitRepository.url");
    assertThat(response.text()).doesNotContain(password);
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
  }

  @Test
  void plantedSecretsReachTheClusterButNoResponseOfAnyKind() {
    String name = "secret-everywhere";
    String httpsKey = PlantedSecrets.base64("httpsKey-everywhere");
    String decodedHttpsKey = new String(Base64.getDecoder().decode(httpsKey), UTF_8);
    String extra = PlantedSecrets.text("extra-everywhere");
    ArmClient.Response created =
        client.put(
            v(config(name)),
            gitWithSettings(
                ", \"configurationProtectedSettings\": {\"httpsKey\": \"%s\", \"extra\": \"%s\"}"
                    .formatted(httpsKey, extra)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Arm.Lro lro = Arm.assertLro(created, client.base(), config(name), "2025-04-01");
    server.syncClusters();

    List<ArmClient.Response> reads = new ArrayList<>();
    for (String version : List.of("2022-03-01", "2024-04-01-preview", "2025-04-01")) {
      reads.add(client.get(v(config(name), version)));
      reads.add(client.get(v(ArmClient.COLLECTION, version)));
    }
    reads.add(client.get(lro.asyncOperationUrl()));
    reads.add(client.get(lro.locationUrl()));

    // the values did arrive where they belong, so their absence below means something
    assertThat(desired(name).path("configurationProtectedSettings"))
        .isEqualTo(
            Bodies.parse("{\"httpsKey\": \"%s\", \"extra\": \"%s\"}".formatted(httpsKey, extra)));
    assertThat(created.text()).doesNotContain(httpsKey, decodedHttpsKey, extra);
    for (ArmClient.Response read : reads) {
      assertThat(read.status()).as("%s", read).isEqualTo(200);
      assertThat(read.text()).doesNotContain(httpsKey, decodedHttpsKey, extra);
    }
    assertThat(reads.getLast().json().at("/properties/gitRepository/httpsUser").asText())
        .isEqualTo("git");
    PlantedSecrets.assertNoneLeaked();
  }
}
