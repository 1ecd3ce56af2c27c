package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every api-version: a response shows only what that version knows, and a PUT in that version keeps
 * what it does not know (an old client must not wipe newer fields).
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ApiVersionsTest {
  static final List<String> VERSIONS = ArmClient.API_VERSIONS;

  /** Uses every newer field: git provider GitHub, kustomization wait and postBuild, waiting. */
  private static final String NEWEST =
      """
      {"properties": {"namespace": "apps",
        "gitRepository": {"url": "https://github.com/fluxrp/demo", "provider": "GitHub",
          "repositoryRef": {"branch": "main"}},
        "kustomizations": {"infra": {"path": "./infra", "wait": false,
          "postBuild": {"substitute": {"cluster_env": "prod"},
            "substituteFrom": [{"kind": "ConfigMap", "name": "vars", "optional": true}]}}},
        "waitForReconciliation": true, "reconciliationWaitDuration": "PT10M"}}
      """;

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  private static boolean atLeast(String version, String since) {
    return VERSIONS.indexOf(version) >= VERSIONS.indexOf(since);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("VERSIONS")
  void newerFieldsAreHiddenAndPreserved(String version) {
    String name = "ver-" + version.replace("-preview", "p");
    JsonNode newest = server.createAndSync(name, NEWEST).json();

    ArmClient.Response old = client.get(v(config(name), version));

    assertThat(old.status()).isEqualTo(200);
    JsonNode properties = old.json().path("properties");
    boolean since2023 = atLeast(version, "2023-05-01");
    assertThat(properties.has("waitForReconciliation")).isEqualTo(since2023);
    assertThat(properties.has("reconciliationWaitDuration")).isEqualTo(since2023);
    assertThat(properties.at("/kustomizations/infra").has("wait")).isEqualTo(since2023);
    assertThat(properties.at("/kustomizations/infra").has("postBuild")).isEqualTo(since2023);
    // GitHub is a provider value of 2025-04-01 only
    assertThat(properties.at("/gitRepository").has("provider"))
        .as("provider in %s: %s", version, properties.path("gitRepository"))
        .isEqualTo(version.equals("2025-04-01"));
    // what every version knows is shown
    assertThat(properties.at("/gitRepository/url").asText())
        .isEqualTo("https://github.com/fluxrp/demo");
    assertThat(properties.at("/kustomizations/infra/path").asText()).isEqualTo("./infra");
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(properties.path("complianceState").asText()).isEqualTo("Compliant");
    assertThat(old.json().path("id").asText()).isEqualTo(config(name));

    // the old client writes back what it saw: nothing changes
    ArmClient.Response putBack = client.put(v(config(name), version), old.text());
    assertThat(putBack.status()).as("%s", putBack).isEqualTo(200);
    Arm.assertNoLro(putBack);
    assertThat(putBack.json()).isEqualTo(old.json());

    JsonNode after = client.get(v(config(name))).json();
    assertThat(after).isEqualTo(newest);
    assertThat(after.at("/properties/gitRepository/provider").asText()).isEqualTo("GitHub");
    assertThat(after.at("/properties/kustomizations/infra/wait").asBoolean()).isFalse();
    assertThat(
            after.at("/properties/kustomizations/infra/postBuild/substitute/cluster_env").asText())
        .isEqualTo("prod");
    assertThat(after.at("/properties/waitForReconciliation").asBoolean()).isTrue();

    // an old client that changes what it knows keeps the rest as well
    String changed = old.text().replace("./infra", "./infra-v2");
    ArmClient.Response update = client.put(v(config(name), version), changed);
    assertThat(update.status()).as("%s", update).isEqualTo(200);
    Arm.assertLro(update, client.base(), config(name), version);
    server.syncClusters();
    JsonNode updated = client.get(v(config(name))).json().path("properties");
    assertThat(updated.at("/kustomizations/infra/path").asText()).isEqualTo("./infra-v2");
    assertThat(updated.at("/gitRepository/provider").asText()).isEqualTo("GitHub");
    assertThat(updated.at("/kustomizations/infra/wait").asBoolean()).isFalse();
    assertThat(updated.at("/kustomizations/infra/postBuild"))
        .isEqualTo(newest.at("/properties/kustomizations/infra/postBuild"));
    assertThat(updated.path("reconciliationWaitDuration").asText()).isEqualTo("PT10M");
    assertThat(updated.path("provisioningState").asText()).isEqualTo("Succeeded");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("VERSIONS")
  void eachVersionCreatesAndAnswersInItsOwnVersion(String version) {
    String name = "own-" + version.replace("-preview", "p");
    ArmClient.Response created = client.put(v(config(name), version), Bodies.git());

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Arm.Lro lro = Arm.assertLro(created, client.base(), config(name), version);
    JsonNode properties = created.json().path("properties");
    assertThat(properties.at("/kustomizations/infra/name").asText()).isEqualTo("infra");
    assertThat(properties.at("/kustomizations/infra").has("wait"))
        .isEqualTo(atLeast(version, "2023-05-01"));
    server.syncClusters();
    assertThat(client.get(lro.asyncOperationUrl()).json().path("status").asText())
        .isEqualTo("Succeeded");
    ArmClient.Response list = client.get(v(ArmClient.COLLECTION, version));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("value").findValuesAsText("id")).contains(config(name));
  }

  @Test
  void thePreviewVersionHasOciButNoGitProvider() {
    String preview = "2024-04-01-preview";
    ArmClient.Response oci =
        client.put(
            v(config("preview-oci"), preview),
            """
            {"properties": {"sourceKind": "OCIRepository",
              "ociRepository": {"url": "oci://ghcr.io/fluxrp/manifests", "repositoryRef": {"tag": "v1"},
                "layerSelector": {"mediaType": "application/vnd.cncf.flux.content.v1.tar+gzip", "operation": "copy"},
                "verify": {"provider": "cosign", "matchOidcIdentity": [{"issuer": "^https://token.actions.githubusercontent.com$", "subject": "^https://github.com/fluxrp/.*$"}]}},
              "kustomizations": {"apps": {"path": "./apps"}}}}
            """);
    assertThat(oci.status()).as("%s", oci).isEqualTo(201);
    JsonNode source = oci.json().at("/properties/ociRepository");
    assertThat(source.path("url").asText()).isEqualTo("oci://ghcr.io/fluxrp/manifests");
    assertThat(source.at("/layerSelector/operation").asText()).isEqualTo("copy");
    assertThat(source.path("insecure").asBoolean(true)).isFalse();
    server.syncClusters();
    assertThat(
            client
                .get(v(config("preview-oci"), preview))
                .json()
                .at("/properties/statuses/0/kind")
                .asText())
        .isEqualTo("OCIRepository");

    // an OCI configuration is not visible as such to versions before the preview
    JsonNode old = client.get(v(config("preview-oci"), "2023-05-01")).json().path("properties");
    assertThat(old.has("ociRepository")).isFalse();

    ArmClient.Response provider =
        client.put(
            v(config("preview-provider"), preview),
            "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
                + " \"provider\": \"Azure\"}}}");
    Arm.assertInvalidContent(provider, "properties.gitRepository.provider");

    // 2024-11-01 knows provider Azure and Generic
    ArmClient.Response azure =
        client.put(
            v(config("provider-azure"), "2024-11-01"),
            "{\"properties\": {\"gitRepository\": {\"url\": \"https://dev.azure.com/org/proj/_git/repo\","
                + " \"provider\": \"Azure\"}}}");
    assertThat(azure.status()).as("%s", azure).isEqualTo(201);
    assertThat(azure.json().at("/properties/gitRepository/provider").asText()).isEqualTo("Azure");
    assertThat(
            client
                .get(v(config("provider-azure"), preview))
                .json()
                .at("/properties/gitRepository")
                .has("provider"))
        .isFalse();
  }
}
