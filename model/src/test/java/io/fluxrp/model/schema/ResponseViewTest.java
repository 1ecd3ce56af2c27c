package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.version.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseViewTest {
  private static ObjectNode stored() {
    return json(
        """
        {
          'errorMessage': '',
          'kustomizations': {
            'infra': {'wait': false, 'path': './infra',
                      'postBuild': {'substitute': {'env': 'prod'}}}
          },
          'sourceKind': 'GitRepository',
          'gitRepository': {'url': 'https://x/y', 'provider': 'Azure', 'httpsUser': 'u'},
          'ociRepository': {'url': 'oci://x/y', 'tlsConfig': {'privateKey': 'tls-secret'}},
          'azureBlob': {'url': 'https://a', 'accountKey': 'blob-secret',
                        'servicePrincipal': {'clientId': 'c', 'clientSecret': 'sp-secret'}},
          'waitForReconciliation': true,
          'reconciliationWaitDuration': 'PT5M',
          'configurationProtectedSettings': {'httpsKey': 'settings-secret'},
          'scope': 'cluster',
          'repositoryPublicKey': null,
          'statuses': [{'name': 'x', 'kind': 'GitRepository', 'complianceState': 'Compliant'}],
          'provisioningState': 'Succeeded'
        }
        """);
  }

  private static ObjectNode render(ApiVersion version) {
    return ResponseView.render(FluxSchema.PROPERTIES, stored(), version);
  }

  @Test
  void fieldsAreHiddenPerVersion() {
    ObjectNode v2022 = render(ApiVersion.V2022_03_01);
    assertThat(v2022.has("azureBlob")).isFalse();
    assertThat(v2022.has("ociRepository")).isFalse();
    assertThat(v2022.has("waitForReconciliation")).isFalse();
    assertThat(v2022.has("reconciliationWaitDuration")).isFalse();
    assertThat(v2022.at("/gitRepository/provider").isMissingNode()).isTrue();
    assertThat(v2022.at("/kustomizations/infra"))
        .isEqualTo(json("{'name': 'infra', 'path': './infra'}"));

    ObjectNode v2022b = render(ApiVersion.V2022_07_01);
    assertThat(v2022b.has("azureBlob")).isTrue();

    ObjectNode v2023 = render(ApiVersion.V2023_05_01);
    assertThat(v2023.has("ociRepository")).isFalse();
    assertThat(v2023.get("waitForReconciliation").booleanValue()).isTrue();
    assertThat(v2023.at("/kustomizations/infra/wait").booleanValue()).isFalse();
    assertThat(v2023.at("/kustomizations/infra/postBuild/substitute/env").textValue())
        .isEqualTo("prod");

    ObjectNode preview = render(ApiVersion.V2024_04_01_PREVIEW);
    assertThat(preview.has("ociRepository")).isTrue();
    assertThat(preview.at("/gitRepository/provider").isMissingNode()).isTrue();

    assertThat(render(ApiVersion.V2024_11_01).at("/gitRepository/provider").textValue())
        .isEqualTo("Azure");
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void secretsAreNeverPresent(ApiVersion version) {
    String rendered = render(version).toString();
    assertThat(rendered)
        .doesNotContain("secret")
        .doesNotContain("configurationProtectedSettings")
        .doesNotContain("accountKey")
        .doesNotContain("clientSecret")
        .doesNotContain("privateKey");

    ObjectNode full = SchemaSamples.full(FluxSchema.PROPERTIES, true);
    String everything = ResponseView.render(FluxSchema.PROPERTIES, full, version).toString();
    for (String secret : SchemaSamples.secretPaths(FluxSchema.PROPERTIES)) {
      assertThat(everything).doesNotContain("v:" + secret);
    }
  }

  /**
   * An object whose properties are all write-only shows as {@code {}}: a client that sends it back
   * (GET-modify-PUT) keeps the stored secrets inside it, which dropping the object would lose.
   */
  @Test
  void anObjectOfOnlySecretsShowsEmptySoAGetModifyPutKeepsThem() {
    ObjectNode stored =
        Canonical.normalize(
            json(
                "{'sourceKind': 'OCIRepository', 'ociRepository': {'url': 'oci://x/y', 'tlsConfig':"
                    + " {'privateKey': 'a2V5', 'clientCertificate': 'Y2VydA=='}}}"));
    ObjectNode shown = ResponseView.render(FluxSchema.PROPERTIES, stored, ApiVersion.LATEST);
    assertThat(shown.at("/ociRepository/tlsConfig")).isEqualTo(json("{}"));

    ObjectNode resent =
        Requests.properties(shown.toString(), FluxSchema.RESOURCE, ApiVersion.LATEST);
    ObjectNode merged = Canonical.normalize(ReplaceMerge.apply(stored, resent, ApiVersion.LATEST));
    assertThat(merged).isEqualTo(stored);
  }

  @Test
  void theKustomizationNameIsFilledFromItsKeyAndComesFirst() {
    JsonNode kustomization = render(ApiVersion.LATEST).at("/kustomizations/infra");
    List<String> names = new ArrayList<>();
    kustomization.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("name", "path", "wait", "postBuild");
    assertThat(kustomization.get("name").textValue()).isEqualTo("infra");
  }

  @Test
  void propertiesComeInSchemaOrderAndNullsAreLeftOut() {
    List<String> names = new ArrayList<>();
    render(ApiVersion.LATEST).fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "scope",
            "sourceKind",
            "gitRepository",
            "azureBlob",
            "ociRepository",
            "kustomizations",
            "statuses",
            "waitForReconciliation",
            "reconciliationWaitDuration",
            "provisioningState",
            "errorMessage");
  }

  @Test
  void readOnlyStatusIsShown() {
    assertThat(render(ApiVersion.V2022_03_01).at("/statuses/0"))
        .isEqualTo(json("{'name': 'x', 'kind': 'GitRepository', 'complianceState': 'Compliant'}"));
  }

  @Test
  void theWholeResourceEnvelope() {
    ObjectNode resource =
        json(
            "{'properties': {'suspend': true, 'configurationProtectedSettings': {'a': 'b'}},"
                + " 'type': 'Microsoft.KubernetesConfiguration/fluxConfigurations', 'name': 'n',"
                + " 'id': '/x', 'systemData': {'createdBy': 'me', 'createdByType': 'User'}}");
    ObjectNode rendered = ResponseView.render(FluxSchema.RESOURCE, resource, ApiVersion.LATEST);
    List<String> names = new ArrayList<>();
    rendered.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("id", "name", "type", "systemData", "properties");
    assertThat(rendered.get("properties")).isEqualTo(json("{'suspend': true}"));
  }

  @Test
  void renderingLeavesTheStoredStateAlone() {
    ObjectNode stored = stored();
    ResponseView.render(FluxSchema.PROPERTIES, stored, ApiVersion.V2022_03_01);
    assertThat(stored).isEqualTo(stored());
  }

  @Test
  void enumValuesAVersionDoesNotKnowAreHiddenLikeTheirProperties() {
    ObjectNode stored =
        json(
            "{'sourceKind': 'OCIRepository', 'ociRepository': {'url': 'oci://r/a'},"
                + " 'gitRepository': {'url': 'https://g/r', 'provider': 'GitHub'}}");
    ObjectNode v2023 = ResponseView.render(FluxSchema.PROPERTIES, stored, ApiVersion.V2023_05_01);
    assertThat(v2023.has("sourceKind")).isFalse();
    assertThat(v2023.has("ociRepository")).isFalse();
    ObjectNode v2024 = ResponseView.render(FluxSchema.PROPERTIES, stored, ApiVersion.V2024_11_01);
    assertThat(v2024.get("sourceKind").textValue()).isEqualTo("OCIRepository");
    assertThat(v2024.at("/gitRepository/provider").isMissingNode())
        .as("GitHub is a 2025-04-01 value")
        .isTrue();
    assertThat(
            ResponseView.render(FluxSchema.PROPERTIES, stored, ApiVersion.LATEST)
                .at("/gitRepository/provider")
                .textValue())
        .isEqualTo("GitHub");
  }
}
