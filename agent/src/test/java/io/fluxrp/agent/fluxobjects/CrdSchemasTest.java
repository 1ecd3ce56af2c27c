package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.CRDS;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * CrdSchemas must refuse what the API server refuses, or its approval of our objects means little.
 */
class CrdSchemasTest {
  private static ObjectNode gitRepository() {
    return (ObjectNode)
        json(
            """
            {"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
             "metadata": {"name": "app", "namespace": "ns", "labels": {"any": "thing"}},
             "spec": {"url": "https://github.com/o/r", "interval": "600s", "timeout": "60s",
               "ref": {"branch": "main"}, "secretRef": {"name": "s"}, "provider": "azure",
               "suspend": false}}
            """);
  }

  private static ObjectNode kustomization() {
    return (ObjectNode)
        json(
            """
            {"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
             "metadata": {"name": "app-k", "namespace": "ns"},
             "spec": {"sourceRef": {"kind": "GitRepository", "name": "app"},
               "interval": "10m", "prune": true,
               "dependsOn": [{"name": "other"}],
               "postBuild": {"substitute": {"a": "b"},
                 "substituteFrom": [{"kind": "ConfigMap", "name": "vars"}]}}}
            """);
  }

  private static ObjectNode spec(ObjectNode object) {
    return (ObjectNode) object.get("spec");
  }

  @Test
  void validObjectsPass() {
    assertThat(CRDS.problems(gitRepository())).isEmpty();
    assertThat(CRDS.problems(kustomization())).isEmpty();
  }

  @Test
  void aWrongTypeIsRefused() {
    ObjectNode object = gitRepository();
    spec(object).put("interval", 600);
    spec(object).put("suspend", "false");

    assertThat(CRDS.problems(object))
        .containsExactlyInAnyOrder(
            "spec.interval: must be a string", "spec.suspend: must be a boolean");
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    ObjectNode object = gitRepository();
    spec(object).remove("url");
    ObjectNode k = kustomization();
    spec(k).remove("prune");
    ((ObjectNode) spec(k).get("sourceRef")).remove("name");

    assertThat(CRDS.problems(object)).containsExactly("spec.url: required");
    assertThat(CRDS.problems(k))
        .containsExactlyInAnyOrder("spec.prune: required", "spec.sourceRef.name: required");
  }

  @Test
  void unknownFieldsAreRefusedAtEveryLevel() {
    ObjectNode object = gitRepository();
    spec(object).put("branch", "main");
    ((ObjectNode) spec(object).get("ref")).put("branches", "x");
    object.put("data", "x");
    ObjectNode k = kustomization();
    ((ObjectNode) spec(k).get("dependsOn").get(0)).put("kind", "Kustomization");

    assertThat(CRDS.problems(object))
        .containsExactlyInAnyOrder(
            "spec.branch: unknown field",
            "spec.ref.branches: unknown field",
            "data: unknown field");
    assertThat(CRDS.problems(k)).containsExactly("spec.dependsOn[0].kind: unknown field");
  }

  @Test
  void aSourceTimeoutInHoursIsRefusedWhileAKustomizationTimeoutMayHaveThem() {
    ObjectNode object = gitRepository();
    spec(object).put("timeout", "1h0m0s");
    ObjectNode k = kustomization();
    spec(k).put("timeout", "1h0m0s");

    assertThat(CRDS.problems(object))
        .containsExactly("spec.timeout: '1h0m0s' does not match ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$");
    assertThat(CRDS.problems(k)).isEmpty();
  }

  @Test
  void anScpStyleGitUrlIsRefused() {
    ObjectNode object = gitRepository();
    spec(object).put("url", "git@github.com:org/repo.git");

    assertThat(CRDS.problems(object))
        .containsExactly(
            "spec.url: 'git@github.com:org/repo.git' does not match ^(http|https|ssh)://.*$");
  }

  @Test
  void enumsLengthsAndMapValuesAreChecked() {
    ObjectNode object = gitRepository();
    spec(object).put("provider", "bitbucket");
    ObjectNode k = kustomization();
    spec(k).put("namePrefix", "");
    spec(k).put("targetNamespace", "n".repeat(64));
    ((ObjectNode) spec(k).get("postBuild").get("substitute")).put("a", 1);
    ((ObjectNode) spec(k).get("postBuild").get("substituteFrom").get(0)).put("kind", "configmap");

    assertThat(CRDS.problems(object))
        .containsExactly(
            "spec.provider: \"bitbucket\" is not one of [\"generic\",\"azure\",\"github\"]");
    assertThat(CRDS.problems(k))
        .containsExactlyInAnyOrder(
            "spec.namePrefix: fewer than 1 chars",
            "spec.targetNamespace: more than 63 chars",
            "spec.postBuild.substitute.a: must be a string",
            "spec.postBuild.substituteFrom[0].kind: \"configmap\" is not one of"
                + " [\"Secret\",\"ConfigMap\"]");
  }

  @Test
  void nullsArraysAndNumbersAreChecked() {
    ObjectNode k = kustomization();
    spec(k).putNull("path");
    spec(k).put("dependsOn", "other");
    ObjectNode withStatus = gitRepository();
    withStatus.set("status", json("{\"observedGeneration\": 1.5, \"conditions\": [{}]}"));

    assertThat(CRDS.problems(k))
        .containsExactlyInAnyOrder(
            "spec.path: null is not allowed", "spec.dependsOn: must be an array");
    assertThat(CRDS.problems(withStatus))
        .contains(
            "status.observedGeneration: must be an integer",
            "status.conditions[0].type: required",
            "status.conditions[0].lastTransitionTime: required");
  }

  @Test
  void theMetadataNeedsANameAndANamespace() {
    ObjectNode object = gitRepository();
    ((ObjectNode) object.get("metadata")).remove("namespace");
    ((ObjectNode) object.get("metadata")).put("name", "");

    assertThat(CRDS.problems(object))
        .containsExactlyInAnyOrder(
            "metadata.name: missing", "metadata.namespace: missing for a namespaced kind");
  }

  @Test
  void anUnservedVersionOrKindIsRefused() {
    ObjectNode object = gitRepository();
    object.put("apiVersion", "source.toolkit.fluxcd.io/v1beta1");
    JsonNode helm =
        json("{\"apiVersion\": \"helm.toolkit.fluxcd.io/v2\", \"kind\": \"HelmRelease\"}");

    assertThat(CRDS.problems(object))
        .containsExactly("no CRD serves GitRepository in source.toolkit.fluxcd.io/v1beta1");
    assertThat(CRDS.problems(helm)).hasSize(1);
    assertThat(CRDS.serves("source.toolkit.fluxcd.io/v1beta2", "Bucket")).isTrue();
    assertThat(CRDS.serves("source.toolkit.fluxcd.io/v1beta2", "GitRepository")).isTrue();
  }

  @Test
  void assertValidNamesTheProblems() {
    ObjectNode object = gitRepository();
    spec(object).remove("interval");

    assertThatThrownBy(() -> CRDS.assertValid(object))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("spec.interval: required");
  }

  @Test
  void theHandWrittenCelRulesCatchWhatTheyDescribe() {
    ObjectNode git = gitRepository();
    spec(git).put("provider", "generic");
    spec(git).put("serviceAccountName", "sa");
    JsonNode bucket =
        json(
            """
            {"kind": "Bucket", "spec": {"provider": "generic", "serviceAccountName": "sa",
              "secretRef": {"name": "s"}, "sts": {"provider": "aws", "endpoint": "https://x"}}}
            """);
    JsonNode azureBucket =
        json("{\"kind\": \"Bucket\", \"spec\": {\"provider\": \"azure\", \"sts\": {}}}");
    JsonNode k = json("{\"kind\": \"Kustomization\", \"spec\": {\"kubeConfig\": {}}}");

    assertThat(FluxCelRules.problems(git)).hasSize(1);
    assertThat(FluxCelRules.problems(bucket)).hasSize(3);
    assertThat(FluxCelRules.problems(azureBucket)).hasSize(1);
    assertThat(FluxCelRules.problems(k)).hasSize(1);
    assertThat(FluxCelRules.problems(gitRepository())).isEmpty();
  }
}
