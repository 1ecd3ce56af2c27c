package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.decodedData;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.secret;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureBlobSourceTest {
  private static final String URL = "https://acct.blob.core.windows.net";

  private static DesiredObjects blob(String authJson) {
    return build(
        spec(
            "blobcfg",
            """
            {"namespace": "ns1", "sourceKind": "AzureBlob",
             "azureBlob": {"url": "%s", "containerName": "manifests",
               "timeoutInSeconds": 90, "syncIntervalInSeconds": 300 %s},
             "kustomizations": {"k": {}}}
            """
                .formatted(URL, authJson.isEmpty() ? "" : ", " + authJson)));
  }

  @Test
  void anAccountKeyBecomesABucketWithTheAzureProviderAndAccountKey() {
    DesiredObjects desired = blob("\"accountKey\": \"c2hhcmVkLWtleQ==\"");

    assertThat(desired.source().getKind()).isEqualTo("Bucket");
    assertThat(specOf(desired.source()))
        .isEqualTo(
            json(
                """
                {"provider": "azure", "bucketName": "manifests",
                 "endpoint": "https://acct.blob.core.windows.net", "interval": "300s",
                 "timeout": "90s", "secretRef": {"name": "blobcfg-auth"}, "suspend": false}
                """));
    // the account key is passed through as given (it is base64 text itself)
    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsExactly(Map.entry("accountKey", "c2hhcmVkLWtleQ=="));
    assertThat(specOf(desired.kustomizations().get(0)).get("sourceRef").get("kind").asText())
        .isEqualTo("Bucket");
  }

  @Test
  void aSasTokenBecomesSasKey() {
    DesiredObjects desired = blob("\"sasToken\": \"?sv=2022-11-02&sig=abc\"");

    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsExactly(Map.entry("sasKey", "?sv=2022-11-02&sig=abc"));
  }

  @Test
  void aServicePrincipalWithSecret() {
    DesiredObjects desired =
        blob(
            """
            "servicePrincipal": {"clientId": "c-1", "tenantId": "t-1", "clientSecret": "cs"}
            """);

    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsExactly(
            Map.entry("tenantId", "t-1"),
            Map.entry("clientId", "c-1"),
            Map.entry("clientSecret", "cs"));
  }

  @Test
  void aServicePrincipalWithCertificatePasswordAndSendChain() {
    String certificate = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n";
    DesiredObjects desired =
        blob(
            """
            "servicePrincipal": {"clientId": "c-1", "tenantId": "t-1",
              "clientCertificate": "%s", "clientCertificatePassword": "pw",
              "clientCertificateSendChain": true}
            """
                .formatted(b64(certificate)));

    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsExactly(
            Map.entry("tenantId", "t-1"),
            Map.entry("clientId", "c-1"),
            Map.entry("clientCertificate", certificate),
            Map.entry("clientCertificatePassword", "pw"),
            Map.entry("clientCertificateSendChain", "true"));
  }

  @Test
  void aCertificateWithoutSendChainOmitsIt() {
    DesiredObjects desired =
        blob(
            """
            "servicePrincipal": {"clientId": "c", "tenantId": "t", "clientCertificate": "%s",
              "clientCertificateSendChain": false}
            """
                .formatted(b64("cert")));

    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsOnlyKeys("tenantId", "clientId", "clientCertificate");
  }

  @Test
  void aBinaryCertificateIsKeptByteForByte() {
    byte[] pkcs12 = {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0x00, (byte) 0x80};
    String base64 = java.util.Base64.getEncoder().encodeToString(pkcs12);
    DesiredObjects desired =
        blob(
            """
            "servicePrincipal": {"clientId": "c", "tenantId": "t", "clientCertificate": "%s"}
            """
                .formatted(base64));

    assertThat(
            Fixtures.tree(secret(desired, "blobcfg-auth"))
                .get("data")
                .get("clientCertificate")
                .asText())
        .isEqualTo(base64);
  }

  @Test
  void aManagedIdentityIsAClientIdAlone() {
    DesiredObjects desired = blob("\"managedIdentity\": {\"clientId\": \"mi-1\"}");

    assertThat(decodedData(secret(desired, "blobcfg-auth")))
        .containsExactly(Map.entry("clientId", "mi-1"));
  }

  @Test
  void noCredentialsMeansNoSecretAndNoSecretRef() {
    DesiredObjects desired = blob("");

    assertThat(desired.secrets()).isEmpty();
    assertThat(specOf(desired.source()).has("secretRef")).isFalse();
  }

  @Test
  void localAuthRefIsReferencedAndNoSecretIsManaged() {
    DesiredObjects desired = blob("\"localAuthRef\": \"blob-creds\"");

    assertThat(desired.secrets()).isEmpty();
    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"blob-creds\"}"));
  }
}
