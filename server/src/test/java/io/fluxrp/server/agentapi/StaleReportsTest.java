package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reports about a generation that is not the stored one are answered {@code Ignored} and change
 * nothing; the same report twice changes nothing more than once.
 */
class StaleReportsTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();

  private static TestAgent.Report appliedWithStatus(String name, long generation) {
    return TestAgent.applied(name, generation)
        .status(
            TestAgent.objectStatus(
                name,
                "apps",
                "GitRepository",
                "Compliant",
                "True",
                "Succeeded",
                "generation " + generation,
                Instant.parse("2026-01-01T00:00:00Z")))
        .compliance("Compliant")
        .commit("main@sha1:" + generation);
  }

  @Test
  void reportsAboutAnotherGenerationAreIgnored() {
    String cluster = AdminApi.clusterId("stale-generation");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-stale";
    String id = AdminApi.configuration(cluster, name);
    Arm.Lro create = AgentFixtures.put(client, id, Bodies.git(), 201);
    Arm.Lro patch = AgentFixtures.patch(client, id, "{\"properties\": {\"suspend\": true}}");
    TestAgent.Entry entry = agent.desired(0, 0).entry(name);
    assertThat(entry.generation()).isEqualTo(2);
    assertThat(entry.operationId()).isEqualTo(patch.operationId());
    assertThat(AgentFixtures.status(client, create)).isEqualTo("Canceled");
    JsonNode before = AgentFixtures.get(client, id);
    server.clock().advance(Duration.ofMinutes(1));

    TestAgent.Results results =
        agent.report(
            appliedWithStatus(name, 1),
            TestAgent.applyFailed(name, 1, "GitRepository apps/" + name, "Invalid", "old"),
            TestAgent.deleted(name, 1),
            appliedWithStatus(name, 3));

    for (JsonNode result : results.json().path("results")) {
      assertThat(result.path("name").asText()).isEqualTo(name);
      assertThat(result.path("result").asText()).as("%s", result).isEqualTo("Ignored");
      assertThat(result.path("reason").asText()).as("%s", result).contains("generation");
    }
    assertThat(results.json().path("results").get(0).path("reason").asText()).contains("1", "2");
    assertThat(AgentFixtures.get(client, id)).as("GET after ignored reports").isEqualTo(before);
    assertThat(AgentFixtures.status(client, patch)).isEqualTo("Updating");
    assertThat(AgentFixtures.status(client, create)).isEqualTo("Canceled");
    assertThat(agent.desired(0, 0).entry(name).reportedGeneration()).isZero();

    // the stored generation is taken
    assertThat(agent.report(appliedWithStatus(name, 2)).result(name)).isEqualTo("Accepted");
    assertThat(AgentFixtures.status(client, patch)).isEqualTo("Succeeded");
    assertThat(agent.desired(0, 0).entry(name).reportedGeneration()).isEqualTo(2);
  }

  @Test
  void theSameReportTwiceChangesNothingMore() {
    String cluster = AdminApi.clusterId("stale-twice");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-twice";
    String id = AdminApi.configuration(cluster, name);
    Arm.Lro lro = AgentFixtures.put(client, id, Bodies.git(), 201);
    long generation = agent.desired(0, 0).entry(name).generation();

    agent.report(appliedWithStatus(name, generation));
    JsonNode resource = AgentFixtures.get(client, id);
    JsonNode operation = AgentFixtures.operation(client, lro);
    assertThat(operation.path("status").asText()).isEqualTo("Succeeded");
    TestAgent.Results again = agent.report(appliedWithStatus(name, generation));

    assertThat(again.result(name)).isIn("Accepted", "Ignored");
    assertThat(AgentFixtures.get(client, id)).isEqualTo(resource);
    assertThat(AgentFixtures.operation(client, lro)).isEqualTo(operation);

    // later, too: the finished operation stays as it ended
    server.clock().advance(Duration.ofMinutes(3));
    agent.report(appliedWithStatus(name, generation));
    assertThat(AgentFixtures.operation(client, lro)).isEqualTo(operation);
    assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
        .isEqualTo("Succeeded");

    // a failure report twice: one failed operation, one message
    Arm.Lro patch =
        AgentFixtures.patch(
            client,
            id,
            "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/broken\"}}}");
    long next = agent.desired(0, 0).entry(name).generation();
    TestAgent.Report failure =
        TestAgent.applyFailed(name, next, "GitRepository apps/" + name, "Invalid", "bad url");
    agent.report(failure);
    JsonNode failed = AgentFixtures.operation(client, patch);
    JsonNode failedResource = AgentFixtures.get(client, id);
    assertThat(failed.path("status").asText()).isEqualTo("Failed");
    server.clock().advance(Duration.ofMinutes(1));
    agent.report(failure);
    assertThat(AgentFixtures.operation(client, patch)).isEqualTo(failed);
    assertThat(AgentFixtures.get(client, id).at("/properties/errorMessage"))
        .isEqualTo(failedResource.at("/properties/errorMessage"));
    assertThat(AgentFixtures.get(client, id).at("/properties/provisioningState").asText())
        .isEqualTo("Failed");
    assertThat(client.get(v(id)).status()).isEqualTo(200);
  }
}
