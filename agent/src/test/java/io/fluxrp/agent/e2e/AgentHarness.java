package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.FluxAgent;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.MutableClock;
import io.fluxrp.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real parts together: a fluxrp server (H2, over HTTP) with one registered agent cluster, the
 * test Kubernetes API with the Flux CRDs, the fake Flux controllers, and the agent under test.
 */
final class AgentHarness implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  final TestServer server;
  final ArmClient arm;
  final TestKubernetes kube;
  final FakeFlux flux;
  final String clusterId;
  final Path tokenFile;

  /** The agent's clock (deletion time boxes); moved by tests, never by itself. */
  final MutableClock agentClock = MutableClock.startingNow();

  private FluxAgent agent;

  private AgentHarness(String clusterName, Consumer<TestKubernetes> prepare) {
    this.server =
        TestServer.start(
            config ->
                config.toBuilder()
                    .autoRegisterEmulatedClusters(false)
                    .runEmulatedClusters(false)
                    .build());
    this.arm = server.client();
    this.clusterId = AdminApi.clusterId(clusterName);
    String credential = new AdminApi(arm).registerAgent(clusterId);
    try {
      this.tokenFile = Files.createTempFile("fluxrp-agent", ".token");
      Files.writeString(tokenFile, credential);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.kube = TestKubernetes.start();
    prepare.accept(kube);
    this.flux = FakeFlux.start(kube);
  }

  static AgentHarness start(String clusterName) {
    return start(clusterName, kube -> {});
  }

  /** As {@link #start(String)}, with the API server prepared first (e.g. older CRDs). */
  static AgentHarness start(String clusterName, Consumer<TestKubernetes> prepare) {
    AgentHarness harness = new AgentHarness(clusterName, prepare);
    harness.startAgent();
    return harness;
  }

  AgentSettings settings() {
    return new AgentSettings(
        server.server().baseUri(),
        clusterId,
        tokenFile,
        null,
        null,
        null,
        AgentSettings.DEFAULT_STATE_NAMESPACE,
        4,
        Duration.ofMinutes(10),
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        Duration.ofSeconds(10),
        -1);
  }

  void startAgent() {
    agent = FluxAgent.start(settings(), kube.newClient(), agentClock);
    Await.until("the agent is ready", () -> agent.ready());
  }

  void stopAgent() {
    agent.close();
    agent = null;
  }

  FluxAgent agent() {
    return agent;
  }

  String configId(String name) {
    return AdminApi.configuration(clusterId, name);
  }

  /** PUT (2025-04-01), expecting 201 or 200; returns the answer. */
  ArmClient.Response put(String name, String body) {
    ArmClient.Response response = arm.put(ArmClient.v(configId(name)), body);
    assertThat(response.status()).as("%s", response).isIn(200, 201);
    return response;
  }

  /** Waits (10 s at most) until the operation of a write ends; returns the operation body. */
  JsonNode awaitOperation(ArmClient.Response write) {
    return arm.awaitOperation(write.header("Azure-AsyncOperation").orElseThrow());
  }

  JsonNode get(String name) {
    ArmClient.Response response = arm.get(ArmClient.v(configId(name)));
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json();
  }

  Optional<GenericKubernetesResource> object(KubeKind kind, String namespace, String name) {
    String version =
        kind.group().isEmpty() || kind.group().startsWith("rbac") ? "v1" : versionOf(kind);
    return new KubeApi(kube.client()).get(kind, version, namespace, name);
  }

  private static String versionOf(KubeKind kind) {
    return kind == KubeKind.HELM_RELEASE ? "v2" : "v1";
  }

  GenericKubernetesResource awaitObject(KubeKind kind, String namespace, String name) {
    return Await.value(
        kind.kind() + " " + namespace + "/" + name + " exists",
        () -> object(kind, namespace, name).orElse(null),
        o -> o != null);
  }

  void awaitGone(KubeKind kind, String namespace, String name) {
    Await.until(
        kind.kind() + " " + namespace + "/" + name + " is gone",
        () -> object(kind, namespace, name).isEmpty());
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
    flux.close();
    kube.close();
    server.close();
    try {
      Files.deleteIfExists(tokenFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
