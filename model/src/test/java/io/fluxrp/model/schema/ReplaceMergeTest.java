package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.version.ApiVersion;
import org.junit.jupiter.api.Test;

class ReplaceMergeTest {
  /** A stored 2025-04-01 configuration with fields older api-versions do not know. */
  private static ObjectNode stored() {
    return json(
        """
        {
          'scope': 'cluster', 'namespace': 'flux-system', 'sourceKind': 'GitRepository',
          'suspend': false,
          'gitRepository': {'url': 'https://github.com/org/repo', 'provider': 'GitHub',
                            'repositoryRef': {'branch': 'main'}},
          'kustomizations': {
            'infra': {'path': './infra', 'wait': false,
                      'postBuild': {'substitute': {'env': 'prod'}}},
            'apps': {'path': './apps', 'wait': true}
          },
          'waitForReconciliation': true,
          'reconciliationWaitDuration': 'PT10M',
          'configurationProtectedSettings': {'httpsKey': 'c2VjcmV0'},
          'statuses': [{'name': 'x'}],
          'provisioningState': 'Succeeded'
        }
        """);
  }

  private static ObjectNode request(String properties, ApiVersion version) {
    return Requests.properties(properties, FluxSchema.RESOURCE, version);
  }

  @Test
  void anOldClientKeepsNewerFieldsIncludingNestedOnes() {
    ObjectNode merged =
        ReplaceMerge.apply(
            stored(),
            request(
                "{'gitRepository': {'url': 'https://github.com/org/other'}, 'kustomizations':"
                    + " {'infra': {'path': './infra2'}, 'new': {'path': './new'}}}",
                ApiVersion.V2022_03_01),
            ApiVersion.V2022_03_01);

    assertThat(merged.at("/gitRepository/url").textValue())
        .isEqualTo("https://github.com/org/other");
    assertThat(merged.at("/gitRepository/provider").textValue()).isEqualTo("GitHub");
    assertThat(merged.at("/gitRepository/repositoryRef").isMissingNode())
        .as("repositoryRef exists in 2022-03-01 and was omitted: replaced")
        .isTrue();
    assertThat(merged.at("/kustomizations/infra"))
        .isEqualTo(
            json(
                "{'path': './infra2', 'wait': false, 'postBuild': {'substitute': {'env': 'prod'}}}"));
    assertThat(merged.at("/kustomizations/new")).isEqualTo(json("{'path': './new'}"));
    assertThat(merged.at("/kustomizations/apps").isMissingNode())
        .as("a kustomization the request omits is removed")
        .isTrue();
    assertThat(merged.get("waitForReconciliation").booleanValue()).isTrue();
    assertThat(merged.get("reconciliationWaitDuration").textValue()).isEqualTo("PT10M");
    assertThat(merged.has("suspend")).as("suspend is known in 2022-03-01 and omitted").isFalse();
  }

  @Test
  void omittedCreateOnlyPropertiesKeepTheirStoredValuesAndGivenOnesReplace() {
    ObjectNode omitted =
        ReplaceMerge.apply(
            stored(), request("{'suspend': true}", ApiVersion.LATEST), ApiVersion.LATEST);
    assertThat(omitted.get("scope").textValue()).isEqualTo("cluster");
    assertThat(omitted.get("namespace").textValue()).isEqualTo("flux-system");

    ObjectNode given =
        ReplaceMerge.apply(
            stored(), request("{'namespace': 'other'}", ApiVersion.LATEST), ApiVersion.LATEST);
    assertThat(given.get("namespace").textValue()).isEqualTo("other");

    ObjectNode onCreate =
        ReplaceMerge.apply(null, request("{}", ApiVersion.LATEST), ApiVersion.LATEST);
    assertThat(onCreate.has("scope")).as("nothing to keep on create").isFalse();
  }

  @Test
  void theLatestClientReplacesEverything() {
    ObjectNode merged =
        ReplaceMerge.apply(
            stored(),
            request(
                "{'gitRepository': {'url': 'https://github.com/org/repo'}, 'kustomizations':"
                    + " {'infra': {'path': './infra'}}}",
                ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(merged)
        .isEqualTo(
            json(
                "{'scope': 'cluster', 'namespace': 'flux-system', 'gitRepository': {'url':"
                    + " 'https://github.com/org/repo'}, 'kustomizations': {'infra': {'path':"
                    + " './infra'}}, 'configurationProtectedSettings': {'httpsKey': 'c2VjcmV0'}}"));
  }

  @Test
  void readOnlyStoredValuesAreNotCarriedOver() {
    ObjectNode merged =
        ReplaceMerge.apply(stored(), request("{}", ApiVersion.V2022_03_01), ApiVersion.V2022_03_01);
    assertThat(merged.has("statuses")).isFalse();
    assertThat(merged.has("provisioningState")).isFalse();
  }

  @Test
  void protectedSettingsAbsentAreKept() {
    ObjectNode merged =
        ReplaceMerge.apply(stored(), request("{}", ApiVersion.LATEST), ApiVersion.LATEST);
    assertThat(merged.get("configurationProtectedSettings"))
        .isEqualTo(json("{'httpsKey': 'c2VjcmV0'}"));
  }

  @Test
  void protectedSettingsNullAreCleared() {
    ObjectNode merged =
        ReplaceMerge.apply(
            stored(),
            request("{'configurationProtectedSettings': null}", ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(merged.has("configurationProtectedSettings")).isFalse();
  }

  @Test
  void protectedSettingsEmptyObjectClearsThem() {
    ObjectNode merged =
        ReplaceMerge.apply(
            stored(),
            request("{'configurationProtectedSettings': {}}", ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(Canonical.normalize(merged).get("configurationProtectedSettings")).isEmpty();
  }

  @Test
  void protectedSettingsSentReplaceTheStoredMap() {
    ObjectNode merged =
        ReplaceMerge.apply(
            stored(),
            request(
                "{'configurationProtectedSettings': {'sshPrivateKey': 'a2V5'}}", ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(merged.get("configurationProtectedSettings"))
        .isEqualTo(json("{'sshPrivateKey': 'a2V5'}"));
  }

  @Test
  void nestedSecretsAbsentAreKeptAndNullClearsThem() {
    ObjectNode blob =
        json(
            "{'sourceKind': 'AzureBlob', 'azureBlob': {'url': 'https://a.blob.core.windows.net',"
                + " 'containerName': 'c', 'accountKey': 'stored-key', 'servicePrincipal':"
                + " {'clientId': 'id', 'tenantId': 't', 'clientSecret': 'stored-secret'}}}");
    ObjectNode omitted =
        ReplaceMerge.apply(
            blob,
            request(
                "{'sourceKind': 'AzureBlob', 'azureBlob': {'url': 'https://a.blob.core.windows.net',"
                    + " 'containerName': 'c2', 'servicePrincipal': {'clientId': 'id2', 'tenantId':"
                    + " 't'}}}",
                ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(omitted.at("/azureBlob/accountKey").textValue()).isEqualTo("stored-key");
    assertThat(omitted.at("/azureBlob/servicePrincipal/clientSecret").textValue())
        .isEqualTo("stored-secret");
    assertThat(omitted.at("/azureBlob/servicePrincipal/clientId").textValue()).isEqualTo("id2");
    assertThat(omitted.at("/azureBlob/containerName").textValue()).isEqualTo("c2");

    ObjectNode cleared =
        ReplaceMerge.apply(
            blob,
            request(
                "{'sourceKind': 'AzureBlob', 'azureBlob': {'url': 'https://a.blob.core.windows.net',"
                    + " 'containerName': 'c', 'accountKey': null, 'sasToken': 'new-token'}}",
                ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(cleared.at("/azureBlob/accountKey").isMissingNode()).isTrue();
    assertThat(cleared.at("/azureBlob/sasToken").textValue()).isEqualTo("new-token");
    assertThat(cleared.at("/azureBlob/servicePrincipal").isMissingNode())
        .as("a non-secret object the request omits is replaced")
        .isTrue();
  }

  @Test
  void aKeptSourceBlockIsDroppedWhenSourceKindNoLongerSelectsIt() {
    ObjectNode oci =
        json(
            "{'sourceKind': 'OCIRepository', 'ociRepository': {'url': 'oci://ghcr.io/o/r',"
                + " 'insecure': true}, 'kustomizations': {'k': {'path': './'}}}");
    ObjectNode merged =
        ReplaceMerge.apply(
            oci,
            request(
                "{'sourceKind': 'GitRepository', 'gitRepository': {'url': 'https://x/y'},"
                    + " 'kustomizations': {'k': {'path': './'}}}",
                ApiVersion.V2023_05_01),
            ApiVersion.V2023_05_01);
    assertThat(merged.has("ociRepository")).isFalse();
    assertThat(merged.at("/gitRepository/url").textValue()).isEqualTo("https://x/y");
  }

  @Test
  void aSourceBlockTheRequestSendsIsNeverDropped() {
    ObjectNode merged =
        ReplaceMerge.apply(
            null,
            request(
                "{'sourceKind': 'GitRepository', 'gitRepository': {'url': 'https://x/y'}, 'bucket':"
                    + " {'url': 'https://s3', 'bucketName': 'b'}}",
                ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(merged.has("bucket")).as("left for the validator to refuse").isTrue();
  }

  @Test
  void onCreateTheRequestIsTakenWithoutItsNulls() {
    ObjectNode merged =
        ReplaceMerge.apply(
            null,
            request(
                "{'suspend': null, 'gitRepository': {'url': 'https://x/y', 'httpsUser': null},"
                    + " 'kustomizations': {'a': null, 'b': {'dependsOn': null, 'path': 'p'}}}",
                ApiVersion.LATEST),
            ApiVersion.LATEST);
    assertThat(merged)
        .isEqualTo(
            json(
                "{'gitRepository': {'url': 'https://x/y'}, 'kustomizations': {'b': {'path':"
                    + " 'p'}}}"));
  }

  @Test
  void theStoredStateIsNotModified() {
    ObjectNode stored = stored();
    ReplaceMerge.apply(stored, request("{'suspend': true}", ApiVersion.LATEST), ApiVersion.LATEST);
    assertThat(stored).isEqualTo(stored());
  }

  @Test
  void aStoredValueTheClientsVersionCannotSeeIsKeptWhenOmittedAndReplacedWhenSent() {
    ObjectNode kept =
        ReplaceMerge.apply(
            stored(),
            request(
                "{'gitRepository': {'url': 'https://github.com/org/repo'}}",
                ApiVersion.V2024_11_01),
            ApiVersion.V2024_11_01);
    assertThat(kept.at("/gitRepository/provider").textValue())
        .as("GitHub is unknown to 2024-11-01, so its client never saw it")
        .isEqualTo("GitHub");

    ObjectNode replaced =
        ReplaceMerge.apply(
            stored(),
            request(
                "{'gitRepository': {'url': 'https://github.com/org/repo', 'provider': 'Azure'}}",
                ApiVersion.V2024_11_01),
            ApiVersion.V2024_11_01);
    assertThat(replaced.at("/gitRepository/provider").textValue()).isEqualTo("Azure");
  }
}
