package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final Set<String> EXPECTED_SECRETS =
      Set.of(
          "configurationProtectedSettings",
          "azureBlob.accountKey",
          "azureBlob.sasToken",
          "azureBlob.servicePrincipal.clientSecret",
          "azureBlob.servicePrincipal.clientCertificate",
          "azureBlob.servicePrincipal.clientCertificatePassword",
          "ociRepository.tlsConfig.clientCertificate",
          "ociRepository.tlsConfig.privateKey",
          "ociRepository.tlsConfig.caCertificate");

  @Test
  void theSchemaMarksExactlyTheSpecsSecrets() {
    assertThat(SchemaSamples.secretPaths(FluxSchema.PROPERTIES))
        .containsExactlyInAnyOrderElementsOf(EXPECTED_SECRETS);
  }

  @Test
  void theSecretHalfHoldsExactlyTheSecretPaths() {
    ObjectNode full = SchemaSamples.full(FluxSchema.PROPERTIES, false);

    Secrets.Split split = Secrets.split(full);

    Set<String> secretLeaves = SchemaSamples.leafPaths(split.secret());
    for (String leaf : secretLeaves) {
      assertThat(EXPECTED_SECRETS).anyMatch(s -> leaf.equals(s) || leaf.startsWith(s + "."));
    }
    for (String secret : EXPECTED_SECRETS) {
      assertThat(secretLeaves).anyMatch(l -> l.equals(secret) || l.startsWith(secret + "."));
    }
    for (String leaf : SchemaSamples.leafPaths(split.open())) {
      assertThat(EXPECTED_SECRETS).noneMatch(s -> leaf.equals(s) || leaf.startsWith(s + "."));
    }
    assertThat(split.open().toString()).doesNotContain("v:configurationProtectedSettings");
    assertThat(split.open().at("/azureBlob/servicePrincipal/clientId").textValue())
        .isEqualTo("v:azureBlob.servicePrincipal.clientId");
  }

  @Test
  void splitAndJoinRoundTrip() {
    ObjectNode full = SchemaSamples.full(FluxSchema.PROPERTIES, false);
    Secrets.Split split = Secrets.split(full);
    assertThat(Secrets.join(split.open(), split.secret())).isEqualTo(full);
    assertThat(full)
        .as("split leaves its argument alone")
        .isEqualTo(SchemaSamples.full(FluxSchema.PROPERTIES, false));
  }

  @Test
  void aConfigurationWithoutSecretsHasAnEmptySecretHalf() {
    ObjectNode plain =
        json("{'gitRepository': {'url': 'https://x/y', 'httpsUser': 'u'}, 'suspend': true}");
    Secrets.Split split = Secrets.split(plain);
    assertThat(split.secret().isEmpty()).isTrue();
    assertThat(split.open()).isEqualTo(plain);
    assertThat(Secrets.join(split.open(), null)).isEqualTo(plain);
  }

  @Test
  void nestedSecretsLeaveTheirNonSecretSiblingsInTheOpenHalf() {
    ObjectNode blob =
        json(
            "{'azureBlob': {'url': 'u', 'accountKey': 'k', 'servicePrincipal': {'clientId': 'c',"
                + " 'clientSecret': 's'}}, 'configurationProtectedSettings': {'httpsKey': 'h'}}");
    Secrets.Split split = Secrets.split(blob);
    assertThat(split.open())
        .isEqualTo(json("{'azureBlob': {'url': 'u', 'servicePrincipal': {'clientId': 'c'}}}"));
    assertThat(split.secret())
        .isEqualTo(
            json(
                "{'azureBlob': {'accountKey': 'k', 'servicePrincipal': {'clientSecret': 's'}},"
                    + " 'configurationProtectedSettings': {'httpsKey': 'h'}}"));
  }
}
