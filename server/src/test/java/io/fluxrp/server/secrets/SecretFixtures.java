package io.fluxrp.server.secrets;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configurations with every kind of write-only value (protected settings for HTTPS, SSH and bucket
 * credentials, Azure Blob keys, a service principal secret, OCI TLS keys), each a planted value.
 */
final class SecretFixtures {
  private static final String KNOWN_HOSTS =
      Bodies.b64(
          "github.com ssh-ed25519"
              + " AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");

  /** The planted values, both as sent and (for base64 ones) decoded. */
  final List<String> planted = new ArrayList<>();

  /** Configuration name to the JSON pointer of a secret in its desired state and its value. */
  final Map<String, Map<String, String>> expected = new LinkedHashMap<>();

  /** Creates one configuration of each kind, names starting with {@code prefix}; 201 each. */
  void createAll(ArmClient client, String prefix) {
    String https = base64("httpsKey");
    String extra = base64("extra");
    create(
        client,
        prefix + "-https",
        """
        {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git"},
          "kustomizations": {"apps": {}},
          "configurationProtectedSettings": {"httpsKey": "%s", "extra": "%s"}}}
        """
            .formatted(https, extra),
        Map.of(
            "/configurationProtectedSettings/httpsKey",
            https,
            "/configurationProtectedSettings/extra",
            extra));
    String pem = Bodies.privateKeyPem();
    planted.add(pem.lines().skip(1).findFirst().orElseThrow()); // a line of the key itself
    String ssh = watch(Bodies.b64(pem));
    create(
        client,
        prefix + "-ssh",
        """
        {"properties": {"gitRepository": {"url": "ssh://git@github.com/fluxrp/demo", "sshKnownHosts": "%s"},
          "kustomizations": {"apps": {}}, "configurationProtectedSettings": {"sshPrivateKey": "%s"}}}
        """
            .formatted(KNOWN_HOSTS, ssh),
        Map.of("/configurationProtectedSettings/sshPrivateKey", ssh));
    String bucket = base64("bucketSecretKey");
    create(
        client,
        prefix + "-bucket",
        """
        {"properties": {"sourceKind": "Bucket", "bucket": {"url": "https://minio.example.com",
          "bucketName": "flux", "accessKey": "AKIAEXAMPLE"}, "kustomizations": {"apps": {}},
          "configurationProtectedSettings": {"bucketSecretKey": "%s"}}}
        """
            .formatted(bucket),
        Map.of("/configurationProtectedSettings/bucketSecretKey", bucket));
    String accountKey = text("accountKey");
    create(
        client,
        prefix + "-blob",
        blob("\"accountKey\": \"%s\"".formatted(accountKey)),
        Map.of("/azureBlob/accountKey", accountKey));
    String clientSecret = text("clientSecret");
    create(
        client,
        prefix + "-sp",
        blob(
            "\"servicePrincipal\": {\"clientId\": \"app\", \"tenantId\": \"tenant\", \"clientSecret\": \"%s\"}"
                .formatted(clientSecret)),
        Map.of("/azureBlob/servicePrincipal/clientSecret", clientSecret));
    String tlsKey = base64("tls-privateKey");
    String tlsCert = base64("tls-clientCertificate");
    create(
        client,
        prefix + "-oci",
        """
        {"properties": {"sourceKind": "OCIRepository", "ociRepository": {"url": "oci://registry.example.com/manifests",
          "tlsConfig": {"clientCertificate": "%s", "privateKey": "%s"}}, "kustomizations": {"apps": {}}}}
        """
            .formatted(tlsCert, tlsKey),
        Map.of(
            "/ociRepository/tlsConfig/privateKey",
            tlsKey,
            "/ociRepository/tlsConfig/clientCertificate",
            tlsCert));
  }

  private void create(ArmClient client, String name, String body, Map<String, String> secrets) {
    ArmClient.Response put = client.put(v(config(name)), body);
    assertThat(put.status()).as("create %s: %s", name, put).isEqualTo(201);
    expected.put(name, secrets);
  }

  static String blob(String credentials) {
    return """
        {"properties": {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://acct.blob.core.windows.net",
          "containerName": "flux", %s}, "kustomizations": {"apps": {}}}}
        """
        .formatted(credentials);
  }

  String text(String label) {
    String value = PlantedSecrets.text(label);
    planted.add(value);
    return value;
  }

  String base64(String label) {
    String encoded = PlantedSecrets.base64(label);
    planted.add(encoded);
    planted.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    return encoded;
  }

  String watch(String value) {
    planted.add(PlantedSecrets.watch(value));
    return value;
  }

  /** Fails when {@code text} holds any planted value. */
  void assertNoneIn(String what, String text) {
    for (String secret : planted) {
      assertThat(text).as("%s holds a planted secret", what).doesNotContain(secret);
    }
  }
}
