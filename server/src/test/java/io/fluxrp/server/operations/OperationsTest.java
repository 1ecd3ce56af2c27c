package io.fluxrp.server.operations;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The durable operations behind Azure-AsyncOperation and Location: supersede, results, timeouts,
 * restarts, lookup and retention. Tests that move the clock use a server of their own.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class OperationsTest {
  private static final String OTHER_URL = "https://github.com/fluxrp/other";

  /** Shared by the tests that leave the clock alone. */
  @RegisterExtension static final SharedTestServer shared = new SharedTestServer();

  private static Arm.Lro put(ArmClient client, String name, String body, int status) {
    ArmClient.Response response = client.put(v(config(name)), body);
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    return Arm.assertLro(response, client.base(), config(name), "2025-04-01");
  }

  private static JsonNode status(ArmClient client, Arm.Lro lro) {
    ArmClient.Response response = client.get(lro.asyncOperationUrl());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json();
  }

  private static JsonNode resource(ArmClient client, String name) {
    ArmClient.Response response = client.get(v(config(name)));
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json().path("properties");
  }

  /**
   * Moves the clock to just before {@code after} (from now), where maintenance fails nothing and
   * the operation still runs, then just past it, where maintenance fails exactly this operation;
   * returns its status, Failed with OperationTimedOut.
   */
  private static JsonNode timesOutAfter(TestServer test, Arm.Lro lro, Duration after) {
    test.clock().advance(after.minusSeconds(1));
    assertThat(test.server().maintenance().runOnce()).isZero();
    assertThat(status(test.client(), lro).path("status").asText()).isEqualTo("Creating");

    test.clock().advance(Duration.ofSeconds(2));
    assertThat(test.server().maintenance().runOnce()).isEqualTo(1);

    JsonNode failed = status(test.client(), lro);
    assertThat(failed.path("status").asText()).isEqualTo("Failed");
    assertThat(failed.at("/error/code").asText()).isEqualTo("OperationTimedOut");
    // it ended when maintenance found it (timestamps have millisecond precision)
    assertThat(Instant.parse(failed.path("endTime").asText()))
        .isEqualTo(test.clock().instant().truncatedTo(ChronoUnit.MILLIS));
    return failed;
  }

  @Test
  void aNewerWriteSupersedesTheRunningOne() {
    ArmClient client = shared.client();
    String name = "op-supersede";
    Arm.Lro first = put(client, name, Bodies.git(), 201);

    Arm.Lro second = put(client, name, Bodies.git(OTHER_URL), 200);

    assertThat(second.operationId()).isNotEqualTo(first.operationId());
    JsonNode canceled = status(client, first);
    assertThat(canceled.path("status").asText()).isEqualTo("Canceled");
    assertThat(canceled.path("endTime").isTextual()).isTrue();
    assertThat(canceled.at("/error/code").asText()).isEqualTo("OperationCanceled");
    assertThat(canceled.at("/error/message").asText()).contains(second.operationId());
    JsonNode running = status(client, second);
    assertThat(running.path("status").asText()).isEqualTo("Updating");
    assertThat(resource(client, name).path("provisioningState").asText()).isEqualTo("Updating");

    // a PATCH supersedes as well
    ArmClient.Response patch =
        client.patch(v(config(name)), "{\"properties\": {\"suspend\": true}}");
    assertThat(patch.status()).isEqualTo(202);
    Arm.Lro third = Arm.assertLro(patch, client.base(), config(name), "2025-04-01");
    assertThat(status(client, second).path("status").asText()).isEqualTo("Canceled");
    assertThat(status(client, second).at("/error/message").asText()).contains(third.operationId());

    shared.syncClusters();

    assertThat(status(client, third).path("status").asText()).isEqualTo("Succeeded");
    assertThat(status(client, first).path("status").asText()).isEqualTo("Canceled");
    assertThat(status(client, second).path("status").asText()).isEqualTo("Canceled");
    JsonNode properties = resource(client, name);
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(properties.at("/gitRepository/url").asText()).isEqualTo(OTHER_URL);
    assertThat(properties.path("suspend").asBoolean()).isTrue();
  }

  @Test
  void theSamePutWhileRunningJoinsTheRunningOperation() {
    ArmClient client = shared.client();
    String name = "op-join";
    Arm.Lro first = put(client, name, Bodies.git(), 201);

    ArmClient.Response again = client.put(v(config(name)), Bodies.git());

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Azure-AsyncOperation")).contains(first.asyncOperationUrl());
    assertThat(again.header("Location")).contains(first.locationUrl());
    assertThat(again.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
    assertThat(status(client, first).path("status").asText()).isEqualTo("Creating");
    shared.syncClusters();
    assertThat(status(client, first).path("status").asText()).isEqualTo("Succeeded");
  }

  @Test
  void theLocationUrlAnswers202WhileRunningThenTheResource() {
    ArmClient client = shared.client();
    String name = "op-location";
    Arm.Lro lro = put(client, name, Bodies.git(), 201);

    ArmClient.Response running = client.get(lro.locationUrl());
    assertThat(running.status()).isEqualTo(202);
    assertThat(running.text()).isEmpty();
    assertThat(running.header("Retry-After").orElse("")).matches("[0-9]+");
    Arm.assertCommonHeaders(running);
    ArmClient.Response runningStatus = client.get(lro.asyncOperationUrl());
    assertThat(runningStatus.header("Retry-After").orElse("")).matches("[0-9]+");
    assertThat(runningStatus.json().get("endTime").isNull()).isTrue();

    shared.syncClusters();

    ArmClient.Response done = client.get(lro.locationUrl());
    assertThat(done.status()).as("%s", done).isEqualTo(200);
    ArmClient.Response get = client.get(v(config(name)));
    assertThat(done.json()).isEqualTo(get.json());
    assertThat(done.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(client.get(lro.asyncOperationUrl()).header("Retry-After")).isEmpty();
  }

  @Test
  void anApplyFailureReportedByTheClusterFailsTheOperation() {
    ArmClient client = shared.client();
    String name = "op-apply-failure";
    Arm.Lro lro = put(client, name, Bodies.git(), 201);
    String clusterKey = ArmClient.CLUSTER.toLowerCase(Locale.ROOT);

    shared
        .test()
        .server()
        .agentProtocol()
        .report(
            clusterKey,
            new AgentReport(
                null,
                List.of(
                    new ConfigurationReport(
                        name,
                        1,
                        ConfigurationReport.Outcome.APPLY_FAILED,
                        new ConfigurationReport.ApplyFailure(
                            "GitRepository apps/op-apply-failure",
                            "Forbidden",
                            "namespace apps is terminating"),
                        List.of(),
                        ComplianceState.NON_COMPLIANT,
                        null,
                        null,
                        null))));

    JsonNode failed = status(client, lro);
    assertThat(failed.path("status").asText()).isEqualTo("Failed");
    assertThat(failed.at("/error/code").asText()).isEqualTo("ApplyFailed");
    assertThat(failed.at("/error/message").asText()).contains("namespace apps is terminating");
    JsonNode properties = resource(client, name);
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Failed");
    assertThat(properties.path("errorMessage").asText())
        .contains("GitRepository apps/op-apply-failure", "namespace apps is terminating");
    ArmClient.Response result = client.get(lro.locationUrl());
    Arm.assertError(result, 409, "ApplyFailed");
  }

  @Test
  void operationsOfOtherConfigurationsAndUnknownIdsAre404() {
    ArmClient client = shared.client();
    Arm.Lro a = put(client, "op-owner-a", Bodies.git(), 201);
    put(client, "op-owner-b", Bodies.git(), 201);

    String foreign = v(config("op-owner-b") + "/operations/" + a.operationId());
    Arm.assertError(client.get(foreign), 404, "OperationNotFound");
    Arm.assertError(
        client.get(v(config("op-owner-b") + "/operationResults/" + a.operationId())),
        404,
        "OperationNotFound");
    Arm.assertError(
        client.get(v(config("op-owner-a") + "/operations/00000000-0000-0000-0000-000000000000")),
        404,
        "OperationNotFound");
    Arm.assertError(
        client.get(v(config("op-owner-a") + "/operations/not-a-uuid")), 404, "OperationNotFound");
    Arm.assertError(
        client.get(v(config("op-owner-a") + "/operationResults/nope")), 404, "OperationNotFound");
    // another cluster with a configuration of the same name
    String otherCluster =
        "/subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/other"
            + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/op-owner-a";
    assertThat(client.put(v(otherCluster), Bodies.git()).status()).isEqualTo(201);
    Arm.assertError(
        client.get(v(otherCluster + "/operations/" + a.operationId())), 404, "OperationNotFound");
    // the owner, in another casing, finds it
    assertThat(
            client
                .get(
                    v(
                        config("OP-OWNER-A").replace("fluxConfigurations", "FluxConfigurations")
                            + "/operations/"
                            + a.operationId()))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anOperationNobodyAnswersTimesOutAfter48Hours() {
    try (TestServer test = TestServer.start()) {
      ArmClient client = test.client();
      String name = "op-timeout";
      Arm.Lro lro = put(client, name, Bodies.git(), 201);

      JsonNode failed = timesOutAfter(test, lro, Duration.ofHours(48));
      assertThat(failed.at("/error/message").asText()).contains("PT48H");
      JsonNode properties = resource(client, name);
      assertThat(properties.path("provisioningState").asText()).isEqualTo("Failed");
      assertThat(properties.path("errorMessage").asText()).contains("Timed out");
      Arm.assertError(client.get(lro.locationUrl()), 409, "OperationTimedOut");

      // a late report changes the status but not the failed operation
      test.syncClusters();
      assertThat(status(client, lro).path("status").asText()).isEqualTo("Failed");
      assertThat(resource(client, name).path("complianceState").asText()).isEqualTo("Compliant");

      // resending the same PUT retries: a new operation, which succeeds
      ArmClient.Response retry = client.put(v(config(name)), Bodies.git());
      assertThat(retry.status()).as("%s", retry).isEqualTo(200);
      Arm.Lro again = Arm.assertLro(retry, client.base(), config(name), "2025-04-01");
      assertThat(again.operationId()).isNotEqualTo(lro.operationId());
      test.syncClusters();
      assertThat(status(client, again).path("status").asText()).isEqualTo("Succeeded");
      assertThat(resource(client, name).path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(resource(client, name).has("errorMessage")).isFalse();
    }
  }

  @Test
  void waitForReconciliationTimesOutAfterItsDuration() {
    try (TestServer test = TestServer.start()) {
      ArmClient client = test.client();
      String name = "op-wait";
      Arm.Lro lro =
          put(
              client,
              name,
              """
              {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo"},
                "kustomizations": {"apps": {"path": "./apps"}},
                "waitForReconciliation": true, "reconciliationWaitDuration": "PT5M"}}
              """,
              201);

      JsonNode failed = timesOutAfter(test, lro, Duration.ofMinutes(5));
      assertThat(failed.at("/error/message").asText())
          .contains("PT5M", "reconciliationWaitDuration");
      assertThat(resource(client, name).path("provisioningState").asText()).isEqualTo("Failed");
    }
  }

  @Test
  void aReconciliationWaitDurationInWeeksIsAccepted() {
    try (TestServer test = TestServer.start()) {
      ArmClient client = test.client();
      String name = "op-wait-weeks";
      // the week form passes validation, so it must not fail later (it was a 500)
      Arm.Lro lro =
          put(
              client,
              name,
              """
              {"properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo"},
                "kustomizations": {"apps": {"path": "./apps"}},
                "waitForReconciliation": true, "reconciliationWaitDuration": "P1W"}}
              """,
              201);

      // one week is longer than the operation timeout, which therefore ends the wait
      JsonNode failed = timesOutAfter(test, lro, Duration.ofHours(48));
      assertThat(failed.at("/error/message").asText()).contains("reconciliationWaitDuration");
    }
  }

  @Test
  void anOperationInFlightSurvivesARestart() {
    try (TestServer test = TestServer.start()) {
      String name = "op-restart";
      Arm.Lro lro = put(test.client(), name, Bodies.git(), 201);
      assertThat(resource(test.client(), name).path("provisioningState").asText())
          .isEqualTo("Creating");

      // the new server runs the emulated-cluster worker: it finishes the stranded work itself
      test.restart(config -> config);

      ArmClient client = test.client();
      JsonNode done =
          client.awaitOperation(
              client.base()
                  + config(name)
                  + "/operations/"
                  + lro.operationId()
                  + "?api-version=2025-04-01");
      assertThat(done.path("status").asText()).isEqualTo("Succeeded");
      assertThat(resource(client, name).path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(resource(client, name).path("complianceState").asText()).isEqualTo("Compliant");
    }
  }

  @Test
  void finishedOperationsAreKeptAtLeast24HoursThenPurged() {
    try (TestServer test = TestServer.start()) {
      ArmClient client = test.client();
      Arm.Lro created = put(client, "op-retention", Bodies.git(), 201);
      put(client, "op-retention-deleted", Bodies.git(), 201);
      test.syncClusters();
      ArmClient.Response delete = client.delete(v(config("op-retention-deleted")));
      Arm.Lro deleted =
          Arm.assertLro(delete, client.base(), config("op-retention-deleted"), "2025-04-01");
      test.syncClusters();
      Arm.assertError(client.get(v(config("op-retention-deleted"))), 404, "ResourceNotFound");

      test.clock().advance(Duration.ofHours(25));
      test.server().maintenance().runOnce();
      assertThat(status(client, created).path("status").asText()).isEqualTo("Succeeded");
      assertThat(status(client, deleted).path("status").asText()).isEqualTo("Succeeded");
      assertThat(client.get(deleted.locationUrl()).status()).isEqualTo(204);

      test.clock().advance(Duration.ofDays(6).minusHours(2));
      test.server().maintenance().runOnce();
      assertThat(status(client, created).path("status").asText()).isEqualTo("Succeeded");

      test.clock().advance(Duration.ofHours(2));
      test.server().maintenance().runOnce();
      Arm.assertError(client.get(created.asyncOperationUrl()), 404, "OperationNotFound");
      Arm.assertError(client.get(created.locationUrl()), 404, "OperationNotFound");
      Arm.assertError(client.get(deleted.asyncOperationUrl()), 404, "OperationNotFound");
      // the resource itself stays
      assertThat(resource(client, "op-retention").path("provisioningState").asText())
          .isEqualTo("Succeeded");
    }
  }
}
