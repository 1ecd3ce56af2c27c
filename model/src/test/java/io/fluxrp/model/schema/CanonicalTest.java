package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalTest {

  @Test
  void defaultsAreFilledEverywhere() {
    ObjectNode canonical =
        Canonical.normalize(
            json(
                "{'gitRepository': {'url': 'https://x/y'}, 'kustomizations': {'k': {'postBuild':"
                    + " {'substituteFrom': [{'kind': 'ConfigMap', 'name': 'vars'}]}}}}"));
    assertThat(canonical)
        .isEqualTo(
            json(
                """
                {
                  'scope': 'cluster', 'namespace': 'default', 'sourceKind': 'GitRepository',
                  'suspend': false,
                  'gitRepository': {'url': 'https://x/y', 'timeoutInSeconds': 600,
                                    'syncIntervalInSeconds': 600},
                  'kustomizations': {'k': {
                    'path': '', 'timeoutInSeconds': 600, 'syncIntervalInSeconds': 600,
                    'prune': false, 'force': false, 'wait': true,
                    'postBuild': {'substituteFrom': [
                      {'kind': 'ConfigMap', 'name': 'vars', 'optional': false}]}}}
                }
                """));
  }

  @Test
  void defaultsOfTheOtherSourcesAndTheirNestedObjects() {
    ObjectNode blob =
        Canonical.normalize(
            json(
                "{'sourceKind': 'AzureBlob', 'azureBlob': {'url': 'https://a', 'containerName':"
                    + " 'c', 'servicePrincipal': {'clientId': 'i'}}}"));
    assertThat(blob.get("azureBlob"))
        .isEqualTo(
            json(
                "{'url': 'https://a', 'containerName': 'c', 'servicePrincipal': {'clientId': 'i',"
                    + " 'clientCertificateSendChain': false}, 'timeoutInSeconds': 600,"
                    + " 'syncIntervalInSeconds': 600}"));
    ObjectNode oci =
        Canonical.normalize(
            json("{'sourceKind': 'OCIRepository', 'ociRepository': {'url': 'oci://x/y'}}"));
    assertThat(oci.get("ociRepository"))
        .isEqualTo(
            json(
                "{'url': 'oci://x/y', 'timeoutInSeconds': 600, 'syncIntervalInSeconds': 600,"
                    + " 'insecure': false, 'useWorkloadIdentity': false}"));
  }

  @Test
  void givenValuesAreNeverOverwritten() {
    ObjectNode canonical =
        Canonical.normalize(
            json(
                "{'scope': 'namespace', 'kustomizations': {'k': {'wait': false, 'path': './p'}}}"));
    assertThat(canonical.get("scope").textValue()).isEqualTo("namespace");
    assertThat(canonical.at("/kustomizations/k/wait").booleanValue()).isFalse();
    assertThat(canonical.at("/kustomizations/k/path").textValue()).isEqualTo("./p");
  }

  @Test
  void readOnlyPropertiesGetNoDefault() {
    ObjectNode canonical = Canonical.normalize(json("{'gitRepository': {'url': 'u'}}"));
    assertThat(canonical.has("complianceState")).isFalse();
    assertThat(canonical.has("provisioningState")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "http://minio.local:9000, , false",
    "HTTP://minio.local:9000, , false",
    "https://s3.amazonaws.com, , true",
    "https://s3.amazonaws.com, true, false",
    "http://minio.local:9000, false, true"
  })
  void bucketInsecureFollowsTheUrlSchemeUnlessGiven(String url, Boolean given, boolean tls) {
    ObjectNode bucket = json("{'bucketName': 'b'}").put("url", url);
    if (given != null) {
      bucket.put("insecure", given);
    }
    ObjectNode properties = json("{'sourceKind': 'Bucket'}");
    properties.set("bucket", bucket);
    assertThat(Canonical.normalize(properties).at("/bucket/insecure").booleanValue())
        .isEqualTo(!tls);
  }

  @Test
  void emptyUnselectedSourceBlocksAreDroppedButTheSelectedOneIsKept() {
    ObjectNode canonical =
        Canonical.normalize(
            json(
                "{'sourceKind': 'Bucket', 'bucket': {}, 'gitRepository': {'url': null},"
                    + " 'azureBlob': {}, 'ociRepository': {}}"));
    assertThat(canonical.has("gitRepository")).isFalse();
    assertThat(canonical.has("azureBlob")).isFalse();
    assertThat(canonical.has("ociRepository")).isFalse();
    assertThat(canonical.get("bucket"))
        .isEqualTo(
            json("{'timeoutInSeconds': 600, 'syncIntervalInSeconds': 600, 'insecure': false}"));
  }

  @Test
  void aNonEmptyUnselectedBlockIsLeftForTheValidator() {
    ObjectNode canonical =
        Canonical.normalize(
            json("{'gitRepository': {'url': 'u'}, 'bucket': {'url': 'https://s3'}}"));
    assertThat(canonical.has("bucket")).isTrue();
  }

  @Test
  void nullsAreRemovedAtEveryLevel() {
    ObjectNode canonical =
        Canonical.normalize(
            json(
                "{'suspend': null, 'gitRepository': {'url': 'u', 'httpsUser': null,"
                    + " 'repositoryRef': {'branch': 'main', 'tag': null}}, 'kustomizations': {'gone':"
                    + " null, 'k': {'dependsOn': null, 'postBuild': {'substituteFrom': [{'kind':"
                    + " 'Secret', 'name': 's', 'optional': null}]}}},"
                    + " 'configurationProtectedSettings': {'a': null, 'b': 'v'}}"));
    assertThat(canonical.toString()).doesNotContain("null");
    assertThat(canonical.get("suspend").booleanValue()).isFalse();
    assertThat(Canonical.kustomizationNames(canonical)).containsExactly("k");
    assertThat(canonical.at("/kustomizations/k/postBuild/substituteFrom/0/optional").booleanValue())
        .isFalse();
    assertThat(canonical.get("configurationProtectedSettings")).isEqualTo(json("{'b': 'v'}"));
  }

  @Test
  void normalizeLeavesItsArgumentAloneAndIsIdempotent() {
    ObjectNode input = json("{'gitRepository': {'url': 'u', 'httpsUser': null}, 'bucket': {}}");
    ObjectNode once = Canonical.normalize(input);
    assertThat(input)
        .isEqualTo(json("{'gitRepository': {'url': 'u', 'httpsUser': null}, 'bucket': {}}"));
    assertThat(Canonical.normalize(once)).isEqualTo(once);
  }

  @Test
  void theCanonicalFormEqualsItselfReadBackFromJson() throws Exception {
    ObjectNode properties =
        json(
            "{'gitRepository': {'url': 'u', 'timeoutInSeconds': 60}, 'kustomizations': {'k': {}}}");
    ((ObjectNode) properties.at("/kustomizations/k")).put("retryIntervalInSeconds", 120L);
    ObjectNode canonical = Canonical.normalize(properties);
    JsonNode readBack = Json.mapper().readTree(Json.mapper().writeValueAsString(canonical));
    assertThat(canonical).isEqualTo(readBack);
    assertThat(Canonical.normalize(Canonical.normalize(json("{'gitRepository': {'url': 'u'}}"))))
        .isEqualTo(
            Canonical.normalize(json("{'gitRepository': {'url': 'u', 'timeoutInSeconds': 600}}")));
  }

  @Test
  void sourceKindAndItsBlock() {
    assertThat(Canonical.sourceKind(json("{}"))).isEqualTo("GitRepository");
    assertThat(Canonical.sourceKind(json("{'sourceKind': 'AzureBlob'}"))).isEqualTo("AzureBlob");
    assertThat(Canonical.blockOf("GitRepository")).isEqualTo("gitRepository");
    assertThat(Canonical.blockOf("Bucket")).isEqualTo("bucket");
    assertThat(Canonical.blockOf("AzureBlob")).isEqualTo("azureBlob");
    assertThat(Canonical.blockOf("OCIRepository")).isEqualTo("ociRepository");
  }
}
