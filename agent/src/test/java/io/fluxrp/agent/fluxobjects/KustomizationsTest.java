package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class KustomizationsTest {
  private static DesiredObjects withKustomizations(String kustomizationsJson) {
    return build(
        spec(
            "cfg",
            """
            {"namespace": "ns1", "gitRepository": {"url": "https://github.com/o/r"},
             "kustomizations": %s}
            """
                .formatted(kustomizationsJson)));
  }

  private static JsonNode onlySpec(String definitionJson) {
    DesiredObjects desired = withKustomizations("{\"k\": %s}".formatted(definitionJson));
    assertThat(desired.kustomizations()).hasSize(1);
    return specOf(desired.kustomizations().get(0));
  }

  @Test
  void everyOptionIsMapped() {
    JsonNode spec =
        onlySpec(
            """
            {"path": "./clusters/prod", "timeoutInSeconds": 300, "syncIntervalInSeconds": 120,
             "retryIntervalInSeconds": 60, "prune": true, "force": true, "wait": false,
             "postBuild": {"substitute": {"cluster_env": "prod", "region": "westeurope"},
               "substituteFrom": [{"kind": "ConfigMap", "name": "vars", "optional": true},
                 {"kind": "Secret", "name": "secret-vars", "optional": false}]}}
            """);

    assertThat(spec)
        .isEqualTo(
            json(
                """
                {"sourceRef": {"kind": "GitRepository", "name": "cfg", "namespace": "ns1"},
                 "path": "./clusters/prod", "interval": "120s", "retryInterval": "60s",
                 "timeout": "300s", "prune": true, "force": true, "wait": false,
                 "postBuild": {"substitute": {"cluster_env": "prod", "region": "westeurope"},
                   "substituteFrom": [{"kind": "ConfigMap", "name": "vars", "optional": true},
                     {"kind": "Secret", "name": "secret-vars", "optional": false}]},
                 "suspend": false, "serviceAccountName": "flux-applier"}
                """));
  }

  @Test
  void anEmptyDefinitionGetsAzureDefaultsAndPruneIsAlwaysWritten() {
    assertThat(onlySpec("{}"))
        .isEqualTo(
            json(
                """
                {"sourceRef": {"kind": "GitRepository", "name": "cfg", "namespace": "ns1"},
                 "interval": "600s", "timeout": "600s", "prune": false, "force": false,
                 "wait": true, "suspend": false, "serviceAccountName": "flux-applier"}
                """));
  }

  @Test
  void aNullDefinitionIsTreatedAsEmpty() {
    assertThat(onlySpec("null")).isEqualTo(onlySpec("{}"));
  }

  @Test
  void anEmptyPathIsLeftOut() {
    assertThat(onlySpec("{\"path\": \"\"}").has("path")).isFalse();
    assertThat(onlySpec("{\"path\": \"apps\"}").get("path").asText()).isEqualTo("apps");
  }

  @Test
  void retryIntervalOnlyWhenSet() {
    assertThat(onlySpec("{\"retryIntervalInSeconds\": 45}").get("retryInterval").asText())
        .isEqualTo("45s");
    assertThat(onlySpec("{}").has("retryInterval")).isFalse();
  }

  @Test
  void durationsAreSecondsAlsoBeyondAnHour() {
    JsonNode spec = onlySpec("{\"timeoutInSeconds\": 7200, \"syncIntervalInSeconds\": 3601}");

    assertThat(spec.get("timeout").asText()).isEqualTo("7200s");
    assertThat(spec.get("interval").asText()).isEqualTo("3601s");
  }

  @Test
  void dependsOnNamesTheFluxObjectsOfTheSameConfiguration() {
    DesiredObjects desired =
        withKustomizations(
            """
            {"infra": {}, "apps": {"dependsOn": ["infra"]},
             "tests": {"dependsOn": ["infra", "apps"]}}
            """);

    assertThat(desired.kustomizations())
        .extracting(k -> k.getMetadata().getName())
        .containsExactly("cfg-infra", "cfg-apps", "cfg-tests");
    assertThat(specOf(desired.kustomizations().get(0)).has("dependsOn")).isFalse();
    assertThat(specOf(desired.kustomizations().get(1)).get("dependsOn"))
        .isEqualTo(json("[{\"name\": \"cfg-infra\"}]"));
    assertThat(specOf(desired.kustomizations().get(2)).get("dependsOn"))
        .isEqualTo(json("[{\"name\": \"cfg-infra\"}, {\"name\": \"cfg-apps\"}]"));
    assertThat(onlySpec("{\"dependsOn\": []}").has("dependsOn")).isFalse();
  }

  @Test
  void postBuildPartsAreWrittenAlone() {
    assertThat(onlySpec("{\"postBuild\": {\"substitute\": {\"a\": \"1\"}}}").get("postBuild"))
        .isEqualTo(json("{\"substitute\": {\"a\": \"1\"}}"));
    assertThat(
            onlySpec(
                    "{\"postBuild\": {\"substituteFrom\": [{\"kind\": \"Secret\", \"name\": \"s\"}]}}")
                .get("postBuild"))
        .isEqualTo(json("{\"substituteFrom\": [{\"kind\": \"Secret\", \"name\": \"s\"}]}"));
    assertThat(onlySpec("{\"postBuild\": {\"substitute\": {}}}").has("postBuild")).isFalse();
    assertThat(onlySpec("{\"postBuild\": {}}").has("postBuild")).isFalse();
  }

  @Test
  void noKustomizationsMeansOnlyTheSource() {
    DesiredObjects desired =
        build(spec("cfg", "{\"gitRepository\": {\"url\": \"https://github.com/o/r\"}}"));

    assertThat(desired.kustomizations()).isEmpty();
    assertThat(desired.source().getMetadata().getName()).isEqualTo("cfg");
  }
}
