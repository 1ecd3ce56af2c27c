package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SpecDefaults;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/** What the agent API tests share: server settings, ARM calls on any cluster, waiting. */
final class AgentFixtures {
  private AgentFixtures() {}

  /**
   * Only registered clusters (no emulated auto-registration) and no emulated-cluster worker: every
   * operation moves only by what the test's agent reports.
   */
  static ServerConfig agentsOnly(ServerConfig config) {
    return config.toBuilder()
        .autoRegisterEmulatedClusters(false)
        .runEmulatedClusters(false)
        .build();
  }

  /** PUT (2025-04-01) expecting {@code status}; returns the operation headers. */
  static Arm.Lro put(ArmClient client, String configId, String body, int status) {
    ArmClient.Response response = client.put(v(configId), body);
    assertThat(response.status()).as("PUT %s: %s", configId, response).isEqualTo(status);
    return Arm.assertLro(response, client.base(), configId, "2025-04-01");
  }

  /** PATCH (2025-04-01) expecting 202; returns the operation headers. */
  static Arm.Lro patch(ArmClient client, String configId, String body) {
    ArmClient.Response response = client.patch(v(configId), body);
    assertThat(response.status()).as("PATCH %s: %s", configId, response).isEqualTo(202);
    return Arm.assertLro(response, client.base(), configId, "2025-04-01");
  }

  /** The GET body (200 expected). */
  static JsonNode get(ArmClient client, String configId) {
    ArmClient.Response response = client.get(v(configId));
    assertThat(response.status()).as("GET %s: %s", configId, response).isEqualTo(200);
    return response.json();
  }

  static JsonNode properties(ArmClient client, String configId) {
    return get(client, configId).path("properties");
  }

  /** The operation status body (200 expected). */
  static JsonNode operation(ArmClient client, Arm.Lro lro) {
    ArmClient.Response response = client.get(lro.asyncOperationUrl());
    assertThat(response.status()).as("operation %s: %s", lro, response).isEqualTo(200);
    return response.json();
  }

  static String status(ArmClient client, Arm.Lro lro) {
    return operation(client, lro).path("status").asText();
  }

  /**
   * The status of operation {@code lro} of {@code configId}, asked on the client's current base URL
   * (the URLs handed out name the port of the server that answered, which a restart changes).
   */
  static String statusAfterRestart(ArmClient client, String configId, Arm.Lro lro) {
    ArmClient.Response response = client.get(v(configId + "/operations/" + lro.operationId()));
    assertThat(response.status()).as("operation %s: %s", lro, response).isEqualTo(200);
    return response.json().path("status").asText();
  }

  /** Times in API bodies have millisecond precision. */
  static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static Instant instant(JsonNode text) {
    assertThat(text.isTextual()).as("a time: %s", text).isTrue();
    return Instant.parse(text.asText());
  }

  /**
   * What the feed carries for a PUT body: its {@code properties} with the spec's defaults filled,
   * write-only values included, kustomizations keyed by name (no {@code name} member: that is the
   * response view's).
   */
  static ObjectNode canonical(String putBody) {
    ObjectNode expected = SpecDefaults.apply((ObjectNode) Bodies.parse(putBody).get("properties"));
    if (expected.get("kustomizations") instanceof ObjectNode kustomizations) {
      kustomizations.forEach(k -> ((ObjectNode) k).remove("name"));
    }
    return expected;
  }

  /** Waits (polling, at most {@code timeout}) until {@code condition} holds. */
  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
