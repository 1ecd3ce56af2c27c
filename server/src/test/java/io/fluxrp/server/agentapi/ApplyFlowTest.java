package io.fluxrp.server.agentapi;

import static io.fluxrp.server.agentapi.AgentFixtures.instant;
import static io.fluxrp.server.agentapi.AgentFixtures.millis;
import static io.fluxrp.server.testing.TestAgent.objectStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write on an agent cluster end to end: the waiting agent gets the desired state (defaults and
 * write-only values included) within a second, and what it reports finishes the operation and shows
 * on GET. Planted secrets reach the agent and never an ARM response.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ApplyFlowTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();

  private record Timed(TestAgent.Page page, long nanos) {}

  @Test
  void aCreateReachesTheWaitingAgentWithinASecondAndAppliedFinishesIt() throws Exception {
    String cluster = AdminApi.clusterId("apply-flow");
    TestAgent agent = TestAgent.register(client, cluster);
    long position = agent.position();
    String name = "cfg-apply";
    String id = AdminApi.configuration(cluster, name);
    String httpsKey = PlantedSecrets.base64("agent-httpsKey");
    String extra = PlantedSecrets.text("agent-extra");
    String body =
        """
        {"properties": {"namespace": "apps",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git",
                            "repositoryRef": {"branch": "main"}},
          "kustomizations": {"infra": {"path": "./infra"},
                             "apps": {"path": "./apps", "dependsOn": ["infra"], "prune": true}},
          "configurationProtectedSettings": {"httpsKey": "%s", "extra": "%s"}}}
        """
            .formatted(httpsKey, extra);

    Timed got;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Timed> waiting =
          CompletableFuture.supplyAsync(
              () -> new Timed(agent.desired(position, 30), System.nanoTime()), executor);
      AgentFixtures.awaitTrue(
          "the agent's long-poll waits",
          Duration.ofSeconds(10),
          () -> server.test().server().waitingFeedRequests() == 1);

      ArmClient.Response put = client.put(ArmClient.v(id), body);
      long answered = System.nanoTime();
      assertThat(put.status()).as("%s", put).isEqualTo(201);
      Arm.Lro lro = Arm.assertLro(put, client.base(), id, "2025-04-01");

      got = waiting.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(got.nanos() - answered))
          .as("feed entry after the PUT answer")
          .isLessThan(Duration.ofSeconds(1));

      TestAgent.Page page = got.page();
      assertThat(page.clusterId()).isEqualTo(cluster);
      assertThat(page.snapshot()).isFalse();
      assertThat(page.more()).isFalse();
      assertThat(page.names()).containsExactly(name);
      TestAgent.Entry entry = page.entry(name);
      assertThat(entry.id()).isEqualTo(id);
      assertThat(entry.seq()).isGreaterThan(position).isEqualTo(page.seq());
      assertThat(entry.generation()).isEqualTo(1);
      assertThat(entry.operationId()).isEqualTo(lro.operationId());
      assertThat(entry.deleted()).isFalse();
      assertThat(entry.forceDeleted()).isFalse();
      assertThat(entry.reportedGeneration()).isZero();
      // canonical: the spec's defaults filled, the write-only values decrypted
      assertThat(entry.properties()).isEqualTo(AgentFixtures.canonical(body));
      assertThat(entry.properties().at("/configurationProtectedSettings/httpsKey").asText())
          .isEqualTo(httpsKey);
      assertThat(entry.properties().at("/gitRepository/httpsUser").asText()).isEqualTo("git");

      // the operation waits for the agent
      assertThat(AgentFixtures.status(client, lro)).isEqualTo("Creating");
      assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
          .isEqualTo("Creating");

      server.clock().advance(Duration.ofMinutes(1));
      Instant at = server.clock().instant();
      Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
      String commit = "main@sha1:0ba6f0d3b5e4c2a1f0e9d8c7b6a5f4e3d2c1b0a9";
      ObjectNode source =
          objectStatus(
              name,
              "apps",
              "GitRepository",
              "Compliant",
              "True",
              "Succeeded",
              "stored artifact for revision '" + commit + "'",
              seconds);
      ObjectNode infra =
          objectStatus(
              name + "-infra",
              "apps",
              "Kustomization",
              "Compliant",
              "True",
              "ReconciliationSucceeded",
              "Applied revision: " + commit,
              seconds);
      ObjectNode apps =
          objectStatus(
              name + "-apps",
              "apps",
              "Kustomization",
              "Compliant",
              "True",
              "ReconciliationSucceeded",
              "Applied revision: " + commit,
              seconds);
      String publicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7fluxrp test@agent";
      TestAgent.Results results =
          agent.report(
              TestAgent.applied(name, 1)
                  .status(source)
                  .status(infra)
                  .status(apps)
                  .compliance("Compliant")
                  .commit(commit)
                  .sourceUpdatedAt(seconds.minusSeconds(5))
                  .publicKey(publicKey));
      assertThat(results.result(name)).isEqualTo("Accepted");

      JsonNode operation = AgentFixtures.operation(client, lro);
      assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");
      assertThat(instant(operation.path("endTime"))).isEqualTo(millis(at));
      assertThat(operation.get("error").isNull()).isTrue();
      ArmClient.Response result = client.get(lro.locationUrl());
      assertThat(result.status()).as("%s", result).isEqualTo(200);

      JsonNode properties = AgentFixtures.properties(client, id);
      assertThat(properties.path("provisioningState").asText()).isEqualTo("Succeeded");
      ArrayNode statuses = JsonNodeFactory.instance.arrayNode().add(source).add(infra).add(apps);
      assertThat(properties.path("statuses")).isEqualTo(statuses);
      assertThat(properties.path("complianceState").asText()).isEqualTo("Compliant");
      assertThat(properties.path("sourceSyncedCommitId").asText()).isEqualTo(commit);
      assertThat(instant(properties.path("sourceUpdatedAt"))).isEqualTo(seconds.minusSeconds(5));
      assertThat(instant(properties.path("statusUpdatedAt"))).isEqualTo(millis(at));
      assertThat(properties.path("repositoryPublicKey").asText()).isEqualTo(publicKey);
      assertThat(properties.has("errorMessage") && !properties.get("errorMessage").isNull())
          .as("errorMessage of %s", properties)
          .isFalse();

      // the feed now knows what was reported
      assertThat(agent.desired(0, 0).entry(name).reportedGeneration()).isEqualTo(1);
    }
  }

  @Test
  void anApplyFailureFailsTheOperationWithObjectReasonAndMessage() {
    String cluster = AdminApi.clusterId("apply-failure");
    TestAgent agent = TestAgent.register(client, cluster);
    String name = "cfg-fail";
    String id = AdminApi.configuration(cluster, name);
    Arm.Lro lro = AgentFixtures.put(client, id, Bodies.git(), 201);
    TestAgent.Entry entry = agent.desired(0, 0).entry(name);
    assertThat(entry.operationId()).isEqualTo(lro.operationId());

    server.clock().advance(Duration.ofSeconds(7));
    String object = "GitRepository apps/" + name;
    String reason = "Invalid";
    String message = "GitRepository.source.toolkit.fluxcd.io \"cfg-fail\" is invalid: spec.url";
    TestAgent.Results results =
        agent.report(TestAgent.applyFailed(name, entry.generation(), object, reason, message));

    assertThat(results.result(name)).isEqualTo("Accepted");
    JsonNode operation = AgentFixtures.operation(client, lro);
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Failed");
    assertThat(operation.at("/error/code").asText()).isEqualTo("ApplyFailed");
    String expected = object + ": " + reason + ": " + message;
    assertThat(operation.at("/error/message").asText()).isEqualTo(expected);
    assertThat(instant(operation.path("endTime"))).isEqualTo(millis(server.clock().instant()));
    JsonNode properties = AgentFixtures.properties(client, id);
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Failed");
    assertThat(properties.path("errorMessage").asText()).isEqualTo(expected);

    // a fix is a new generation; its Applied clears the failure
    Arm.Lro fix =
        AgentFixtures.patch(
            client,
            id,
            "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/fixed\"}}}");
    TestAgent.Entry fixed = agent.desired(entry.seq(), 0).entry(name);
    assertThat(fixed.generation()).isEqualTo(entry.generation() + 1);
    assertThat(fixed.operationId()).isEqualTo(fix.operationId());
    assertThat(fixed.reportedGeneration()).isEqualTo(entry.generation());
    assertThat(fixed.properties().at("/gitRepository/url").asText())
        .isEqualTo("https://github.com/fluxrp/fixed");
    assertThat(
            agent
                .report(TestAgent.applied(name, fixed.generation()).compliance("Compliant"))
                .result(name))
        .isEqualTo("Accepted");
    assertThat(AgentFixtures.status(client, fix)).isEqualTo("Succeeded");
    JsonNode after = AgentFixtures.properties(client, id);
    assertThat(after.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(after.has("errorMessage") && !after.get("errorMessage").isNull())
        .as("errorMessage of %s", after)
        .isFalse();
    assertThat(AgentFixtures.status(client, lro)).isEqualTo("Failed");
  }
}
