package io.fluxrp.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestAgent;
import io.fluxrp.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server restart while the agent waits: the waiting request ends (an answer or a connection
 * error), the agent asks the restarted server again from its position and misses nothing; the
 * operations started before the restart still finish by its reports.
 */
class AgentRestartTest {
  @Test
  void theAgentMissesNothingAcrossARestart() {
    try (TestServer test = TestServer.start(AgentFixtures::agentsOnly)) {
      ArmClient client = test.client();
      String cluster = AdminApi.clusterId("restart");
      TestAgent agent = TestAgent.register(client, cluster);
      Arm.Lro before =
          AgentFixtures.put(client, AdminApi.configuration(cluster, "before"), Bodies.git(), 201);

      try (TestAgent.Poller poller = agent.startPolling(0, 60)) {
        TestAgent.Entry first =
            poller.await(e -> e.name().equals("before"), Duration.ofSeconds(10));
        assertThat(first.operationId()).isEqualTo(before.operationId());
        AgentFixtures.awaitTrue(
            "the agent waits on the server",
            Duration.ofSeconds(10),
            () -> test.server().waitingFeedRequests() == 1);
        int answers = poller.answers();

        long start = System.nanoTime();
        test.restart();
        Duration restart = Duration.ofNanos(System.nanoTime() - start);

        assertThat(restart)
            .as("a restart does not wait for the 60 s long-poll to run out")
            .isLessThan(Duration.ofSeconds(15));
        AgentFixtures.awaitTrue(
            "the waiting request ended with an answer or a connection error",
            Duration.ofSeconds(10),
            () -> poller.answers() > answers || !poller.failures().isEmpty());

        Arm.Lro after =
            AgentFixtures.put(client, AdminApi.configuration(cluster, "after"), Bodies.git(), 201);
        TestAgent.Entry entry = poller.await(e -> e.name().equals("after"), Duration.ofSeconds(15));
        assertThat(entry.operationId()).isEqualTo(after.operationId());
        assertThat(entry.deleted()).isFalse();

        // and a change of the configuration from before the restart
        Arm.Lro changed =
            AgentFixtures.patch(
                client,
                AdminApi.configuration(cluster, "before"),
                "{\"properties\": {\"suspend\": true}}");
        TestAgent.Entry second =
            poller.await(
                e -> e.name().equals("before") && e.generation() == first.generation() + 1,
                Duration.ofSeconds(15));
        assertThat(second.operationId()).isEqualTo(changed.operationId());
        assertThat(second.properties().path("suspend").asBoolean()).isTrue();

        String beforeId = AdminApi.configuration(cluster, "before");
        assertThat(AgentFixtures.statusAfterRestart(client, beforeId, before))
            .isEqualTo("Canceled");
        agent.report(
            TestAgent.applied("before", second.generation()).compliance("Suspended"),
            TestAgent.applied("after", entry.generation()).compliance("Compliant"));
        assertThat(AgentFixtures.status(client, changed)).isEqualTo("Succeeded");
        assertThat(AgentFixtures.status(client, after)).isEqualTo("Succeeded");
        System.out.println(
            "agent-restart: restart took "
                + restart.toMillis()
                + " ms, poll failures "
                + poller.failures().size()
                + ", answers "
                + poller.answers());
      }
    }
  }

  @Test
  void operationsStartedBeforeARestartFinishByReportsAfterIt() {
    try (TestServer test = TestServer.start(AgentFixtures::agentsOnly)) {
      ArmClient client = test.client();
      String cluster = AdminApi.clusterId("restart-operations");
      TestAgent agent = TestAgent.register(client, cluster);
      String id = AdminApi.configuration(cluster, "cfg");
      Arm.Lro lro = AgentFixtures.put(client, id, Bodies.git(), 201);
      TestAgent.Page page = agent.desired(0, 0);

      test.restart();

      // same credential, same position: nothing new
      TestAgent.Page again = agent.desired(page.seq(), 0);
      assertThat(again.entries()).isEmpty();
      assertThat(again.seq()).isEqualTo(page.seq());
      agent.report(
          TestAgent.applied("cfg", page.entry("cfg").generation()).compliance("Compliant"));
      assertThat(AgentFixtures.statusAfterRestart(client, id, lro)).isEqualTo("Succeeded");
    }
  }
}
