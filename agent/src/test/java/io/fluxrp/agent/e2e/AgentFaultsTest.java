package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.ApiRequest;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.Behaviour;
import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.server.testing.ArmClient;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes API answers decides what the agent does: an invalid object fails the
 * operation with the API server's words, a transient failure or a conflict is retried until it
 * works, a deletion blocked by a finalizer fails the DELETE naming the object, and an old cluster
 * gets v1beta2 Buckets.
 */
class AgentFaultsTest {
  private static AgentHarness harness;

  @BeforeAll
  static void start() {
    harness = AgentHarness.start("faults");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String git(String namespace) {
    return """
        {"properties": {"namespace": "%s",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
          "kustomizations": {"k": {"path": "./k"}}}}
        """
        .formatted(namespace);
  }

  private static Predicate<ApiRequest> agentApplies(String resourcePath) {
    return r ->
        !FakeFlux.USER_AGENT.equals(r.userAgent())
            && r.method().equals("PATCH")
            && r.path().contains(resourcePath);
  }

  @Test
  void anObjectTheApiServerRefusesFailsTheOperationWithItsReasonAndMessage() {
    harness.kube.fail(
        agentApplies("/namespaces/invalid/kustomizations/bad-k"),
        1,
        422,
        "Invalid",
        "Kustomization.kustomize.toolkit.fluxcd.io \"bad-k\" is invalid: spec.path: Invalid value");

    JsonNode operation = harness.awaitOperation(harness.put("bad", git("invalid")));

    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    JsonNode got = harness.get("bad");
    assertThat(got.at("/properties/provisioningState").asText()).isEqualTo("Failed");
    assertThat(got.at("/properties/errorMessage").asText())
        .isEqualTo(
            "Kustomization invalid/bad-k: Invalid: Kustomization.kustomize.toolkit.fluxcd.io"
                + " \"bad-k\" is invalid: spec.path: Invalid value");
  }

  @Test
  void transientFailuresAndConflictsAreRetriedUntilTheApplyWorks() {
    harness.kube.fail(
        agentApplies("/namespaces/retry/gitrepositories/flaky"),
        2,
        503,
        "ServiceUnavailable",
        "etcd is down");
    harness.kube.fail(
        agentApplies("/namespaces/retry/kustomizations/flaky-k"),
        2,
        409,
        "Conflict",
        "the object has been modified");

    JsonNode operation = harness.awaitOperation(harness.put("flaky", git("retry")));

    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");
    assertThat(harness.object(KubeKind.KUSTOMIZATION, "retry", "flaky-k")).isPresent();
    long applies =
        harness.kube.requests().stream()
            .filter(agentApplies("/namespaces/retry/gitrepositories/flaky"))
            .count();
    assertThat(applies).as("two refused, then the one that worked").isGreaterThanOrEqualTo(3);
  }

  @Test
  void aDeletionBlockedByAFinalizerFailsTheDeleteNamingTheObject() {
    ArmClient.Response created = harness.put("stuck", git("stuck"));
    assertThat(harness.awaitOperation(created).path("status").asText()).isEqualTo("Succeeded");
    harness.flux.behave(
        "Kustomization", "stuck", "stuck-k", Behaviour.ready().withStuckFinalizer());
    harness.flux.awaitIdle();

    ArmClient.Response delete = harness.arm.delete(ArmClient.v(harness.configId("stuck")));
    assertThat(delete.status()).isEqualTo(202);
    Await.until(
        "the Kustomization waits on its finalizer",
        () ->
            harness
                .object(KubeKind.KUSTOMIZATION, "stuck", "stuck-k")
                .map(k -> k.getMetadata().getDeletionTimestamp() != null)
                .orElse(false));
    harness.agentClock.advance(Duration.ofSeconds(11));

    JsonNode operation = harness.awaitOperation(delete);
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    assertThat(operation.at("/error/message").asText())
        .contains("Kustomization stuck/stuck-k")
        .contains("DeletionTimedOut")
        .contains("finalizers.fluxcd.io");
    assertThat(harness.object(KubeKind.GIT_REPOSITORY, "stuck", "stuck"))
        .as("the source waits for its Kustomizations")
        .isPresent();
  }
}
