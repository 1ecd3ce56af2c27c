package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.TestAgent.objectStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code waitForReconciliation: true}: Applied alone does not finish the operation; every
 * kustomization Compliant does, one Non-Compliant fails it with its message, and nothing for {@code
 * reconciliationWaitDuration} fails it by the clock.
 */
class ReconciliationWaitTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();

  private static String body(String waitDuration) {
    return """
        {"properties": {"namespace": "apps",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
          "kustomizations": {"infra": {"path": "./infra"}, "apps": {"path": "./apps"}},
          "waitForReconciliation": true, "reconciliationWaitDuration": "%s"}}
        """
        .formatted(waitDuration);
  }

  private static Instant now() {
    return server.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static ObjectNode source(String name) {
    return objectStatus(
        name, "apps", "GitRepository", "Compliant", "True", "Succeeded", "stored artifact", now());
  }

  private static ObjectNode kustomization(String name, String key, String compliance) {
    return switch (compliance) {
      case "Compliant" ->
          objectStatus(
              name + "-" + key,
              "apps",
              "Kustomization",
              "Compliant",
              "True",
              "ReconciliationSucceeded",
              "Applied revision: main@sha1:1234",
              now());
      case "Pending" ->
          objectStatus(
              name + "-" + key,
              "apps",
              "Kustomization",
              "Pending",
              "Unknown",
              "Progressing",
              "Reconciliation in progress",
              now());
      default -> throw new IllegalArgumentException(compliance);
    };
  }

  private record Started(TestAgent agent, String id, Arm.Lro lro, long generation) {}

  private static Started create(String name, String waitDuration) {
    String cluster = AdminApi.clusterId("wait-" + name);
    TestAgent agent = TestAgent.register(client, cluster);
    String id = AdminApi.configuration(cluster, name);
    Arm.Lro lro = AgentFixtures.put(client, id, body(waitDuration), 201);
    TestAgent.Entry entry = agent.desired(0, 0).entry(name);
    assertThat(entry.properties().path("waitForReconciliation").asBoolean()).isTrue();
    return new Started(agent, id, lro, entry.generation());
  }

  private static void report(Started s, String name, String compliance, ObjectNode... statuses) {
    TestAgent.Report report = TestAgent.applied(name, s.generation()).compliance(compliance);
    report.status(source(name));
    for (ObjectNode status : statuses) {
      report.status(status);
    }
    assertThat(s.agent().report(report).result(name)).isEqualTo("Accepted");
  }

  @Test
  void succeedsWhenEveryKustomizationIsCompliant() {
    String name = "wait-ok";
    Started s = create(name, "PT10M");

    report(
        s,
        name,
        "Pending",
        kustomization(name, "infra", "Pending"),
        kustomization(name, "apps", "Pending"));
    assertThat(AgentFixtures.status(client, s.lro()))
        .as("applied, not reconciled")
        .isEqualTo("Creating");

    report(
        s,
        name,
        "Pending",
        kustomization(name, "infra", "Compliant"),
        kustomization(name, "apps", "Pending"));
    assertThat(AgentFixtures.status(client, s.lro())).as("one of two ready").isEqualTo("Creating");
    assertThat(AgentFixtures.properties(client, s.id()).path("provisioningState").asText())
        .isEqualTo("Creating");

    server.clock().advance(Duration.ofSeconds(30));
    report(
        s,
        name,
        "Compliant",
        kustomization(name, "infra", "Compliant"),
        kustomization(name, "apps", "Compliant"));
    JsonNode operation = AgentFixtures.operation(client, s.lro());
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");
    assertThat(AgentFixtures.instant(operation.path("endTime")))
        .isEqualTo(AgentFixtures.millis(server.clock().instant()));
    JsonNode properties = AgentFixtures.properties(client, s.id());
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(properties.path("complianceState").asText()).isEqualTo("Compliant");
  }

  @Test
  void failsWhenAKustomizationIsNonCompliant() {
    String name = "wait-fail";
    Started s = create(name, "PT10M");
    String message = "kustomize build failed: accumulating resources from './apps': missing";
    ObjectNode failing =
        objectStatus(
            name + "-apps",
            "apps",
            "Kustomization",
            "Non-Compliant",
            "False",
            "BuildFailed",
            message,
            now());

    report(s, name, "Non-Compliant", kustomization(name, "infra", "Compliant"), failing);

    JsonNode operation = AgentFixtures.operation(client, s.lro());
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    assertThat(operation.at("/error/code").asText()).isEqualTo("ReconciliationFailed");
    assertThat(operation.at("/error/message").asText()).contains(message).contains(name + "-apps");
    JsonNode properties = AgentFixtures.properties(client, s.id());
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Failed");
    assertThat(properties.path("errorMessage").asText()).contains(message);
    assertThat(properties.path("complianceState").asText()).isEqualTo("Non-Compliant");
  }

  @Test
  void failsAfterTheReconciliationWaitDuration() {
    String name = "wait-timeout";
    Started s = create(name, "PT5M");
    report(
        s,
        name,
        "Pending",
        kustomization(name, "infra", "Pending"),
        kustomization(name, "apps", "Pending"));

    server.clock().advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(server.test().server().maintenance().runOnce()).isZero();
    assertThat(AgentFixtures.status(client, s.lro())).isEqualTo("Creating");

    server.clock().advance(Duration.ofSeconds(2));
    assertThat(server.test().server().maintenance().runOnce()).isEqualTo(1);

    JsonNode operation = AgentFixtures.operation(client, s.lro());
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    assertThat(operation.at("/error/code").asText()).isEqualTo("OperationTimedOut");
    assertThat(AgentFixtures.instant(operation.path("endTime")))
        .isEqualTo(AgentFixtures.millis(server.clock().instant()));
    assertThat(AgentFixtures.properties(client, s.id()).path("provisioningState").asText())
        .isEqualTo("Failed");

    // a late Compliant report changes the status, not the finished operation
    report(
        s,
        name,
        "Compliant",
        kustomization(name, "infra", "Compliant"),
        kustomization(name, "apps", "Compliant"));
    assertThat(AgentFixtures.status(client, s.lro())).isEqualTo("Failed");
    assertThat(AgentFixtures.properties(client, s.id()).path("complianceState").asText())
        .isEqualTo("Compliant");
  }
}
