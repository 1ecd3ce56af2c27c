package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.ApiRequest;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restarts: the agent's (feed position and desired states kept in the cluster: nothing repeated,
 * nothing missed, force-deleted leftovers cleaned up) and the server's while the agent waits.
 */
class AgentRestartTest {
  private AgentHarness harness;

  @BeforeEach
  void start() {
    harness = AgentHarness.start("restarts");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private static String git(String namespace, String path) {
    return """
        {"properties": {"namespace": "%s",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
          "kustomizations": {"k": {"path": "%s"}}}}
        """
        .formatted(namespace, path);
  }

  private void succeeded(ArmClient.Response write) {
    assertThat(harness.awaitOperation(write).path("status").asText()).isEqualTo("Succeeded");
  }

  private List<ApiRequest> agentWrites() {
    return harness.kube.requests().stream()
        .filter(r -> !FakeFlux.USER_AGENT.equals(r.userAgent()))
        .filter(r -> !r.method().equals("GET"))
        .toList();
  }

  private void awaitIdle() {
    Await.until("the agent is idle", () -> harness.agent().pending() == 0);
  }

  @Test
  void aRestartedAgentRepeatsNothingAndMissesNothing() {
    succeeded(harness.put("keep", git("rs", "./keep")));
    succeeded(harness.put("change", git("rs", "./before")));
    awaitIdle();

    harness.stopAgent();
    ArmClient.Response changed = harness.put("change", git("rs", "./after"));
    ArmClient.Response created = harness.put("created", git("rs", "./new"));
    harness.kube.clearRequests();
    harness.startAgent();

    succeeded(changed);
    succeeded(created);
    awaitIdle();
    assertThat(harness.awaitObject(KubeKind.KUSTOMIZATION, "rs", "created-k")).isNotNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>)
            harness
                .awaitObject(KubeKind.KUSTOMIZATION, "rs", "change-k")
                .getAdditionalProperties()
                .get("spec");
    assertThat(spec).containsEntry("path", "./after");
    assertThat(agentWrites())
        .as("nothing of the unchanged configuration is written again")
        .noneMatch(r -> r.path().contains("/keep"));

    harness.stopAgent();
    harness.kube.clearRequests();
    harness.startAgent();
    awaitIdle();
    assertThat(agentWrites()).as("a restart with nothing new writes nothing").isEmpty();
  }

  @Test
  void leftoversOfAForceDeletedConfigurationGoOnTheNextSync() {
    succeeded(harness.put("forced", git("fd", "./k")));
    harness.awaitObject(KubeKind.KUSTOMIZATION, "fd", "forced-k");
    harness.stopAgent();

    ArmClient.Response delete =
        harness.arm.delete(ArmClient.v(harness.configId("forced")) + "&forceDelete=true");
    assertThat(delete.status()).as("%s", delete).isIn(200, 202, 204);
    assertThat(harness.arm.get(ArmClient.v(harness.configId("forced"))).status()).isEqualTo(404);

    harness.startAgent();
    harness.awaitGone(KubeKind.KUSTOMIZATION, "fd", "forced-k");
    harness.awaitGone(KubeKind.GIT_REPOSITORY, "fd", "forced");
    harness.awaitGone(KubeKind.SERVICE_ACCOUNT, "fd", "flux-applier");
  }

  @Test
  void aTakeoverSnapshotRemovesWhatTheServerNoLongerLists() throws Exception {
    succeeded(harness.put("stays", git("snap", "./stays")));
    succeeded(harness.put("gone", git("snap", "./gone")));
    harness.awaitObject(KubeKind.KUSTOMIZATION, "snap", "gone-k");
    awaitIdle();
    harness.stopAgent();

    // the cluster is emulated for a while: a deletion finishes without this agent
    AdminApi admin = new AdminApi(harness.arm);
    admin.changeKind(harness.clusterId, "emulated");
    ArmClient.Response delete = harness.arm.delete(ArmClient.v(harness.configId("gone")));
    harness.server.syncClusters();
    assertThat(harness.awaitOperation(delete).path("status").asText()).isEqualTo("Succeeded");
    Files.writeString(harness.tokenFile, admin.changeKind(harness.clusterId, "agent"));

    harness.startAgent();
    harness.awaitGone(KubeKind.KUSTOMIZATION, "snap", "gone-k");
    harness.awaitGone(KubeKind.GIT_REPOSITORY, "snap", "gone");
    awaitIdle();
    assertThat(harness.object(KubeKind.KUSTOMIZATION, "snap", "stays-k")).isPresent();
    assertThat(harness.object(KubeKind.SERVICE_ACCOUNT, "snap", "flux-applier"))
        .as("still used by 'stays'")
        .isPresent();
  }

  @Test
  void aServerRestartWhileTheAgentWaitsLosesNothing() {
    succeeded(harness.put("before", git("sr", "./before")));
    awaitIdle();
    int port = harness.server.server().baseUri().getPort();

    harness.server.restart(
        config ->
            config.toBuilder()
                .port(port)
                .autoRegisterEmulatedClusters(false)
                .runEmulatedClusters(false)
                .build());

    ArmClient.Response after = harness.put("after", git("sr", "./after"));
    harness.awaitObject(KubeKind.KUSTOMIZATION, "sr", "after-k");
    succeeded(after);
  }
}
