package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deletes on an agent cluster: the feed says {@code deleted} (and {@code forceDeleted}); the
 * agent's {@code Deleted} report ends the DELETE and removes the record (or the tombstone).
 */
class DeleteFlowTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);

  /** Creates {@code name} on the agent's cluster and reports it applied; returns its entry. */
  private static TestAgent.Entry createApplied(TestAgent agent, String name) {
    String id = AdminApi.configuration(agent.clusterId(), name);
    Arm.Lro lro = AgentFixtures.put(client, id, Bodies.git(), 201);
    TestAgent.Entry entry = agent.desired(0, 0).entry(name);
    assertThat(
            agent
                .report(TestAgent.applied(name, entry.generation()).compliance("Compliant"))
                .result(name))
        .isEqualTo("Accepted");
    assertThat(AgentFixtures.status(client, lro)).isEqualTo("Succeeded");
    return entry;
  }

  @Test
  void aDeleteEndsWhenTheAgentReportsDeleted() {
    String cluster = AdminApi.clusterId("delete-flow");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-delete";
    String id = AdminApi.configuration(cluster, name);
    TestAgent.Entry created = createApplied(agent, name);
    long position = agent.position();

    ArmClient.Response deleted = client.delete(v(id));
    assertThat(deleted.status()).as("%s", deleted).isEqualTo(202);
    Arm.Lro lro = Arm.assertLro(deleted, client.base(), id, "2025-04-01");

    TestAgent.Page page = agent.desired(position, 10);
    assertThat(page.snapshot()).isFalse();
    assertThat(page.names()).containsExactly(name);
    TestAgent.Entry entry = page.entry(name);
    assertThat(entry.deleted()).isTrue();
    assertThat(entry.forceDeleted()).isFalse();
    assertThat(entry.operationId()).isEqualTo(lro.operationId());
    assertThat(entry.generation()).isGreaterThanOrEqualTo(created.generation());
    assertThat(entry.seq()).isGreaterThan(position);
    assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
        .isEqualTo("Deleting");
    assertThat(AgentFixtures.status(client, lro)).isEqualTo("Deleting");
    assertThat(admin.show(cluster).path("configurations").asInt()).isEqualTo(1);

    TestAgent.Results results = agent.report(TestAgent.deleted(name, entry.generation()));

    assertThat(results.result(name)).isEqualTo("Accepted");
    assertThat(AgentFixtures.status(client, lro)).isEqualTo("Succeeded");
    Arm.assertError(client.get(v(id)), 404, "ResourceNotFound");
    ArmClient.Response again = client.delete(v(id));
    assertThat(again.status()).as("%s", again).isEqualTo(204);
    Arm.assertNoLro(again);
    assertThat(agent.desired(0, 0).names()).doesNotContain(name);
    assertThat(admin.show(cluster).path("configurations").asInt()).isZero();
  }

  @Test
  void aDeletionTheAgentCannotFinishFailsTheDeleteAndANewDeleteRetries() {
    String cluster = AdminApi.clusterId("delete-failed");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-stuck";
    String id = AdminApi.configuration(cluster, name);
    createApplied(agent, name);
    long position = agent.position();
    Arm.Lro lro = Arm.assertLro(client.delete(v(id)), client.base(), id, "2025-04-01");
    TestAgent.Entry deleting = agent.desired(position, 10).entry(name);

    TestAgent.Results results =
        agent.report(
            TestAgent.applyFailed(
                name,
                deleting.generation(),
                "Kustomization apps/cfg-stuck-app",
                "FinalizerTimeout",
                "finalizer finalizers.fluxcd.io still present after 5m"));

    assertThat(results.result(name)).isEqualTo("Accepted");
    assertThat(AgentFixtures.status(client, lro)).isEqualTo("Failed");
    assertThat(AgentFixtures.operation(client, lro).at("/error/message").asText())
        .isEqualTo(
            "Deleting failed: Kustomization apps/cfg-stuck-app: FinalizerTimeout: finalizer"
                + " finalizers.fluxcd.io still present after 5m");
    assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
        .isEqualTo("Failed");

    Arm.Lro retry = Arm.assertLro(client.delete(v(id)), client.base(), id, "2025-04-01");
    TestAgent.Entry again = agent.desired(deleting.seq(), 10).entry(name);
    assertThat(again.deleted()).isTrue();
    assertThat(again.operationId()).isEqualTo(retry.operationId());
    agent.report(TestAgent.deleted(name, again.generation()));
    assertThat(AgentFixtures.status(client, retry)).isEqualTo("Succeeded");
    Arm.assertError(client.get(v(id)), 404, "ResourceNotFound");
  }

  @Test
  void aForceDeleteLeavesATombstoneUntilTheAgentReportsDeleted() {
    String cluster = AdminApi.clusterId("delete-force");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-force";
    String id = AdminApi.configuration(cluster, name);
    createApplied(agent, name);
    long position = agent.position();

    ArmClient.Response deleted = client.delete(v(id + "?forceDelete=true"));
    assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
    Arm.assertError(client.get(v(id)), 404, "ResourceNotFound");

    TestAgent.Entry entry = agent.desired(position, 10).entry(name);
    assertThat(entry.deleted()).isTrue();
    assertThat(entry.forceDeleted()).isTrue();
    // a snapshot lists the tombstone: the agent still has objects to remove
    TestAgent.Page snapshot = agent.desired(0, 0);
    assertThat(snapshot.snapshot()).isTrue();
    assertThat(snapshot.entry(name).forceDeleted()).isTrue();

    TestAgent.Results results = agent.report(TestAgent.deleted(name, entry.generation()));

    assertThat(results.result(name)).isEqualTo("Accepted");
    assertThat(agent.desired(0, 0).names()).doesNotContain(name);
    assertThat(admin.show(cluster).path("configurations").asInt()).isZero();
    // the name is free again: a new configuration nobody reported on
    Arm.Lro recreated = AgentFixtures.put(client, id, Bodies.git(), 201);
    TestAgent.Entry fresh = agent.desired(0, 0).entry(name);
    assertThat(fresh.deleted()).isFalse();
    assertThat(fresh.forceDeleted()).isFalse();
    assertThat(fresh.reportedGeneration()).isZero();
    assertThat(fresh.operationId()).isEqualTo(recreated.operationId());
  }
}
