package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.Behaviour;
import io.fluxrp.server.testing.ArmClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end cases: the real server (H2, HTTP) + the agent + the test Kubernetes API +
 * fake Flux.
 */
class SeedExampleEndToEndTest {
  private static AgentHarness harness;

  @BeforeAll
  static void start() {
    harness = AgentHarness.start("e2e");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void theSeedsFirstExampleEndsAsFluxObjectsAndACompliantSucceededConfiguration() {
    JsonNode body = SeedExample.firstPutBody();
    ArmClient.Response put = harness.put("srs-fluxconfig", body.toString());
    assertThat(put.status()).isEqualTo(201);

    JsonNode operation = harness.awaitOperation(put);
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");

    String ns = "srs-namespace";
    GenericKubernetesResource source =
        harness.awaitObject(KubeKind.GIT_REPOSITORY, ns, "srs-fluxconfig");
    assertThat(spec(source))
        .containsEntry("url", "https://github.com/Azure/arc-k8s-demo")
        .containsEntry("interval", "600s")
        .containsEntry("timeout", "600s")
        .containsEntry("ref", Map.of("branch", "master"))
        .containsEntry("secretRef", Map.of("name", "srs-fluxconfig-auth"));
    GenericKubernetesResource first =
        harness.awaitObject(KubeKind.KUSTOMIZATION, ns, "srs-fluxconfig-srs-kustomization1");
    GenericKubernetesResource second =
        harness.awaitObject(KubeKind.KUSTOMIZATION, ns, "srs-fluxconfig-srs-kustomization2");
    assertThat(spec(first)).containsEntry("path", "./test/path").containsEntry("wait", true);
    assertThat(spec(second))
        .containsEntry("dependsOn", List.of(Map.of("name", "srs-fluxconfig-srs-kustomization1")))
        .containsEntry("retryInterval", "600s");
    GenericKubernetesResource secret =
        harness.awaitObject(KubeKind.SECRET, ns, "srs-fluxconfig-auth");
    assertThat(((Map<?, ?>) secret.getAdditionalProperties().get("data")).keySet())
        .map(String::valueOf)
        .contains("ca.crt");

    JsonNode got =
        Await.value(
            "GET shows Compliant",
            () -> harness.get("srs-fluxconfig"),
            g -> g.at("/properties/complianceState").asText().equals("Compliant"));
    assertThat(got.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(got.at("/properties/statuses").size()).isEqualTo(3);
    assertThat(got.at("/properties/sourceSyncedCommitId").asText()).startsWith("master@sha1:");
  }

  @Test
  void aFailingKustomizationFailsAWaitForReconciliationPutWithFluxsMessage() {
    harness.flux.behave("Kustomization", "wfr", "wfr-cfg-app", Behaviour.buildFailed());
    String body =
        """
                {"properties": {"namespace": "wfr", "waitForReconciliation": true,
                  "reconciliationWaitDuration": "PT5M",
                  "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
                  "kustomizations": {"app": {"path": "./app"}}}}
                """;
    ArmClient.Response put = harness.put("wfr-cfg", body);

    JsonNode operation = harness.awaitOperation(put);
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    JsonNode got = harness.get("wfr-cfg");
    assertThat(got.at("/properties/provisioningState").asText()).isEqualTo("Failed");
    assertThat(got.at("/properties/errorMessage").asText())
        .contains("BuildFailed")
        .contains("kustomize");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }
}
