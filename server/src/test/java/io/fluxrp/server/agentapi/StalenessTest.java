package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a staleness limit of 2 minutes (not the default 5): {@code complianceState} is the reported
 * one while the cluster reports, {@code Unknown} once it has been silent longer (the admin API says
 * {@code Disconnected}), and {@code Suspended} for a suspended configuration either way.
 */
class StalenessTest {
  private static final Duration STALE_AFTER = Duration.ofMinutes(2);

  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(StalenessTest::config);

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);

  private static ServerConfig config(ServerConfig c) {
    return AgentFixtures.agentsOnly(c).toBuilder().clusterStaleAfter(STALE_AFTER).build();
  }

  private static String compliance(String id) {
    return AgentFixtures.properties(client, id).path("complianceState").asText();
  }

  private static String listedCompliance(String cluster, String name) {
    ArmClient.Response list =
        client.get(v(cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations"));
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode item : list.json().path("value")) {
      if (item.path("name").asText().equals(name)) {
        return item.at("/properties/complianceState").asText();
      }
    }
    throw new AssertionError(name + " not listed: " + list);
  }

  @Test
  void complianceIsUnknownOnceTheClusterIsSilentLongerThanTheLimit() {
    String cluster = AdminApi.clusterId("stale-compliance");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-stale";
    String id = AdminApi.configuration(cluster, name);
    AgentFixtures.put(client, id, Bodies.git(), 201);
    JsonNode registered = admin.show(cluster);
    assertThat(registered.path("connectionState").asText()).isEqualTo("NeverConnected");
    assertThat(registered.has("lastSeenAt")).isFalse();
    assertThat(compliance(id)).as("never reported").isEqualTo("Unknown");

    long generation = agent.desired(0, 0).entry(name).generation();
    // reading the feed is not a report
    assertThat(admin.show(cluster).path("connectionState").asText()).isEqualTo("NeverConnected");
    agent.report(TestAgent.applied(name, generation).compliance("Non-Compliant"));
    assertThat(compliance(id)).isEqualTo("Non-Compliant");
    assertThat(admin.show(cluster).path("connectionState").asText()).isEqualTo("Connected");

    server.clock().advance(STALE_AFTER.minusSeconds(1));
    assertThat(compliance(id)).isEqualTo("Non-Compliant");
    assertThat(listedCompliance(cluster, name)).isEqualTo("Non-Compliant");
    assertThat(admin.show(cluster).path("connectionState").asText()).isEqualTo("Connected");

    server.clock().advance(Duration.ofSeconds(2));
    assertThat(compliance(id)).isEqualTo("Unknown");
    assertThat(listedCompliance(cluster, name)).isEqualTo("Unknown");
    JsonNode disconnected = admin.show(cluster);
    assertThat(disconnected.path("connectionState").asText()).isEqualTo("Disconnected");
    assertThat(AgentFixtures.instant(disconnected.path("lastSeenAt")))
        .isEqualTo(
            AgentFixtures.millis(server.clock().instant().minus(STALE_AFTER.plusSeconds(1))));

    // a heartbeat brings the last report back
    agent.heartbeat();
    assertThat(compliance(id)).isEqualTo("Non-Compliant");
    assertThat(admin.show(cluster).path("connectionState").asText()).isEqualTo("Connected");
  }

  @Test
  void aSuspendedConfigurationIsSuspendedWhetherOrNotTheClusterReports() {
    String cluster = AdminApi.clusterId("stale-suspended");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-suspended";
    String id = AdminApi.configuration(cluster, name);
    AgentFixtures.put(client, id, Bodies.git(), 201);
    long generation = agent.desired(0, 0).entry(name).generation();
    agent.report(TestAgent.applied(name, generation).compliance("Compliant"));
    assertThat(compliance(id)).isEqualTo("Compliant");

    AgentFixtures.patch(client, id, "{\"properties\": {\"suspend\": true}}");
    assertThat(compliance(id)).isEqualTo("Suspended");
    long suspended = agent.desired(0, 0).entry(name).generation();
    agent.report(TestAgent.applied(name, suspended).compliance("Suspended"));
    assertThat(compliance(id)).isEqualTo("Suspended");

    server.clock().advance(STALE_AFTER.plusSeconds(1));
    assertThat(admin.show(cluster).path("connectionState").asText()).isEqualTo("Disconnected");
    assertThat(compliance(id)).isEqualTo("Suspended");
  }
}
