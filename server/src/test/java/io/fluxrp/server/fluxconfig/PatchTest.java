package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.SpecDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PATCH: JSON merge-patch inside {@code properties}, 202 when it changes something, 200 when not.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class PatchTest {
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /** PUT, expect 201, let the cluster report; returns the GET body. */
  private static JsonNode created(String name, String body) {
    return server.createAndSync(name, body).json();
  }

  @Test
  void theSpecExamplePatchDeletesMergesAndAddsKustomizations() {
    String name = "srs-fluxconfig";
    JsonNode before =
        created(name, Bodies.example("CreateFluxConfiguration.json", "fluxConfiguration"));
    String patch = Bodies.example("PatchFluxConfiguration.json", "fluxConfigurationPatch");
    server.clock().advance(java.time.Duration.ofMinutes(1));

    ArmClient.Response patched = client.patch(v(config(name)), patch);

    assertThat(patched.status()).as("%s", patched).isEqualTo(202);
    Arm.assertCommonHeaders(patched);
    Arm.Lro lro = Arm.assertLro(patched, client.base(), config(name), "2025-04-01");
    assertThat(patched.header("ETag")).isPresent();
    ObjectNode expected = SpecDefaults.desiredPart(before.path("properties"));
    expected.put("suspend", true);
    ((ObjectNode) expected.get("gitRepository"))
        .put("url", "https://github.com/jonathan-innis/flux2-kustomize-helm-example.git");
    ObjectNode kustomizations = (ObjectNode) expected.get("kustomizations");
    kustomizations.remove("srs-kustomization1");
    ObjectNode k2 = (ObjectNode) kustomizations.get("srs-kustomization2");
    k2.put("path", "./test/alt-path");
    k2.remove("dependsOn");
    k2.put("syncIntervalInSeconds", 300);
    kustomizations.set(
        "srs-kustomization3",
        Bodies.parse(
            """
            {"name": "srs-kustomization3", "path": "./test/another-path", "timeoutInSeconds": 600,
             "syncIntervalInSeconds": 300, "prune": false, "force": false, "wait": true}
            """));
    JsonNode properties = patched.json().path("properties");
    assertThat(SpecDefaults.desiredPart(properties)).isEqualTo(expected);
    // fields the patch does not mention are unchanged, e.g. srs-kustomization2's postBuild
    assertThat(properties.at("/kustomizations/srs-kustomization2/postBuild"))
        .isEqualTo(before.at("/properties/kustomizations/srs-kustomization2/postBuild"))
        .isNotEmpty();
    assertThat(properties.at("/gitRepository/httpsCACert").asText())
        .isEqualTo("ZXhhbXBsZWNlcnRpZmljYXRl");
    assertThat(properties.path("waitForReconciliation").asBoolean()).isTrue();
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Updating");
    assertThat(properties.path("complianceState").asText()).isEqualTo("Suspended");
    assertThat(client.get(v(config(name))).json()).isEqualTo(patched.json());
    JsonNode systemData = patched.json().path("systemData");
    assertThat(systemData.path("createdAt")).isEqualTo(before.at("/systemData/createdAt"));
    assertThat(java.time.Instant.parse(systemData.path("lastModifiedAt").asText()))
        .isEqualTo(
            java.time.Instant.parse(before.at("/systemData/createdAt").asText()).plusSeconds(60));
    assertThat(systemData.path("lastModifiedBy").asText()).isEqualTo("admin@fluxrp.local");

    server.syncClusters();

    JsonNode operation = client.get(lro.asyncOperationUrl()).json();
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");
    JsonNode after = client.get(v(config(name))).json().path("properties");
    assertThat(SpecDefaults.desiredPart(after)).isEqualTo(expected);
    assertThat(after.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(after.path("complianceState").asText()).isEqualTo("Suspended");
    assertThat(after.path("statuses").findValuesAsText("name"))
        .containsExactly(
            "srs-fluxconfig",
            "srs-fluxconfig-srs-kustomization2",
            "srs-fluxconfig-srs-kustomization3");
  }

  @Test
  void aPatchThatChangesNothingIs200WithoutOperation() {
    String name = "patch-noop";
    JsonNode before = created(name, Bodies.git());

    for (String patch :
        new String[] {
          "{}",
          "{\"properties\": {}}",
          "{\"properties\": {\"suspend\": false, \"namespace\": \"apps\", \"scope\": \"cluster\"}}",
          "{\"properties\": {\"gitRepository\": {\"repositoryRef\": {\"branch\": \"main\"}}}}",
          "{\"properties\": {\"kustomizations\": {\"infra\": {\"path\": \"./infra\"}}}}",
        }) {
      ArmClient.Response response = client.patch(v(config(name)), patch);
      assertThat(response.status()).as("%s -> %s", patch, response).isEqualTo(200);
      Arm.assertCommonHeaders(response);
      Arm.assertNoLro(response);
      assertThat(response.header("Retry-After")).isEmpty();
      assertThat(response.json()).isEqualTo(before);
    }
  }

  @Test
  void patchOfAMissingConfigurationIs404() {
    ArmClient.Response response =
        client.patch(v(config("patch-missing")), "{\"properties\": {\"suspend\": true}}");

    Arm.assertError(response, 404, "ResourceNotFound");
    assertThat(response.json().at("/error/message").asText()).contains("patch-missing");
    Arm.assertError(client.get(v(config("patch-missing"))), 404, "ResourceNotFound");
  }

  @Test
  void patchCannotChangeScopeOrNamespace() {
    String name = "patch-create-only";
    JsonNode before = created(name, Bodies.git());

    ArmClient.Response namespace =
        client.patch(v(config(name)), "{\"properties\": {\"namespace\": \"other\"}}");
    Arm.assertError(namespace, 400, "PropertyChangeNotAllowed");
    assertThat(Arm.detailTargets(namespace)).containsExactly("properties.namespace");
    assertThat(Arm.detailCodes(namespace)).containsExactly("PropertyChangeNotAllowed");

    ArmClient.Response scope =
        client.patch(v(config(name)), "{\"properties\": {\"scope\": \"namespace\"}}");
    Arm.assertError(scope, 400, "PropertyChangeNotAllowed");
    assertThat(Arm.detailTargets(scope)).containsExactly("properties.scope");

    ArmClient.Response both =
        client.patch(
            v(config(name)),
            "{\"properties\": {\"scope\": \"namespace\", \"namespace\": \"other\", \"suspend\": true}}");
    Arm.assertError(both, 400, "PropertyChangeNotAllowed");
    assertThat(Arm.detailTargets(both))
        .containsExactlyInAnyOrder("properties.scope", "properties.namespace");

    ArmClient.Response after = client.get(v(config(name)));
    assertThat(after.json()).isEqualTo(before);
  }

  @Test
  void switchingSourceKindWithEmptyBlocksForTheOthers() {
    String name = "patch-switch";
    JsonNode before = created(name, Bodies.git());

    ArmClient.Response patched =
        client.patch(
            v(config(name)),
            """
            {"properties": {"sourceKind": "Bucket",
              "bucket": {"url": "https://minio.example.com", "bucketName": "flux"},
              "gitRepository": {}, "azureBlob": {}, "ociRepository": {}}}
            """);

    assertThat(patched.status()).as("%s", patched).isEqualTo(202);
    Arm.assertLro(patched, client.base(), config(name), "2025-04-01");
    JsonNode properties = patched.json().path("properties");
    assertThat(properties.path("sourceKind").asText()).isEqualTo("Bucket");
    assertThat(properties.has("gitRepository")).isFalse();
    assertThat(properties.has("azureBlob")).isFalse();
    assertThat(properties.has("ociRepository")).isFalse();
    assertThat(properties.path("bucket"))
        .isEqualTo(
            Bodies.parse(
                """
                {"url": "https://minio.example.com", "bucketName": "flux", "insecure": false,
                 "timeoutInSeconds": 600, "syncIntervalInSeconds": 600}
                """));
    assertThat(properties.path("kustomizations"))
        .isEqualTo(before.at("/properties/kustomizations"));

    server.syncClusters();
    JsonNode after = client.get(v(config(name))).json().path("properties");
    assertThat(after.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(after.path("statuses").get(0).path("kind").asText()).isEqualTo("Bucket");
  }

  @Test
  void aPatchIsValidatedAfterMerging() {
    String name = "patch-invalid";
    JsonNode before =
        created(
            name,
            """
            {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo"},
              "kustomizations": {"a": {"path": "./a"}, "b": {"path": "./b", "dependsOn": ["a"]}}}}
            """);

    // deleting a kustomization another one still depends on
    ArmClient.Response response =
        client.patch(v(config(name)), "{\"properties\": {\"kustomizations\": {\"a\": null}}}");

    Arm.assertInvalidContent(response, "properties.kustomizations.b.dependsOn[0]");
    assertThat(client.get(v(config(name))).json()).isEqualTo(before);

    // switching the source kind without removing the old block
    ArmClient.Response mixed =
        client.patch(
            v(config(name)),
            """
            {"properties": {"sourceKind": "Bucket",
              "bucket": {"url": "https://minio.example.com", "bucketName": "flux"}}}
            """);
    Arm.assertInvalidContent(mixed, "properties.gitRepository");
    assertThat(client.get(v(config(name))).json()).isEqualTo(before);
  }
}
