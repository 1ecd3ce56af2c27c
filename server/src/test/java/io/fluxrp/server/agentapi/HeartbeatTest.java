package io.fluxrp.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every report is a heartbeat: it sets {@code lastSeenAt}; the versions show in the admin API. */
class HeartbeatTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);

  private static List<String> nullMembers(JsonNode node) {
    List<String> nulls = new ArrayList<>();
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                nulls.add(e.getKey());
              }
            });
    return nulls;
  }

  @Test
  void heartbeatsSetLastSeenAtAndTheVersions() {
    String cluster = AdminApi.clusterId("heartbeat");
    TestAgent agent = TestAgent.register(client, cluster);
    JsonNode fresh = admin.show(cluster);
    assertThat(fresh.path("id").asText()).isEqualTo(cluster);
    assertThat(fresh.path("kind").asText()).isEqualTo("agent");
    assertThat(fresh.path("connectionState").asText()).isEqualTo("NeverConnected");
    assertThat(fresh.path("configurations").asInt(-1)).isZero();
    assertThat(Arm.fieldNames(fresh))
        .doesNotContain(
            "lastSeenAt", "agentVersion", "fluxVersion", "kubernetesVersion", "credential");
    assertThat(nullMembers(fresh)).isEmpty();

    server.clock().advance(Duration.ofSeconds(42));
    TestAgent.Results results = agent.heartbeat("0.2.0", "v2.5.1", "v1.32.0");

    assertThat(results.json()).isEqualTo(Bodies.parse("{\"results\": []}"));
    JsonNode seen = admin.show(cluster);
    assertThat(seen.path("agentVersion").asText()).isEqualTo("0.2.0");
    assertThat(seen.path("fluxVersion").asText()).isEqualTo("v2.5.1");
    assertThat(seen.path("kubernetesVersion").asText()).isEqualTo("v1.32.0");
    assertThat(AgentFixtures.instant(seen.path("lastSeenAt")))
        .isEqualTo(AgentFixtures.millis(server.clock().instant()));
    assertThat(seen.path("connectionState").asText()).isEqualTo("Connected");
    assertThat(seen.path("registeredAt")).isEqualTo(fresh.path("registeredAt"));
    assertThat(nullMembers(seen)).isEmpty();

    // an upgrade shows at the next heartbeat
    server.clock().advance(Duration.ofMinutes(1));
    agent.heartbeat("0.3.0", "v2.6.0", "v1.33.1");
    JsonNode upgraded = admin.show(cluster);
    assertThat(upgraded.path("agentVersion").asText()).isEqualTo("0.3.0");
    assertThat(upgraded.path("fluxVersion").asText()).isEqualTo("v2.6.0");
    assertThat(upgraded.path("kubernetesVersion").asText()).isEqualTo("v1.33.1");
    assertThat(AgentFixtures.instant(upgraded.path("lastSeenAt")))
        .isEqualTo(AgentFixtures.millis(server.clock().instant()));

    // a report about configurations is a heartbeat too
    String name = "cfg-heartbeat";
    AgentFixtures.put(client, AdminApi.configuration(cluster, name), Bodies.git(), 201);
    long generation = agent.desired(0, 0).entry(name).generation();
    server.clock().advance(Duration.ofSeconds(10));
    agent.report(TestAgent.applied(name, generation).compliance("Compliant"));
    JsonNode reported = admin.show(cluster);
    assertThat(AgentFixtures.instant(reported.path("lastSeenAt")))
        .isEqualTo(AgentFixtures.millis(server.clock().instant()));
    assertThat(reported.path("agentVersion").asText()).isEqualTo(TestAgent.AGENT_VERSION);
    assertThat(reported.path("configurations").asInt()).isEqualTo(1);
  }
}
