package io.fluxrp.bench;

import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.FluxAgent;
import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.http.ThrottleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the agent benchmarks run against, all in the bench JVM: a fluxrp server (embedded H2, over
 * HTTP, emulated clusters off, throttle budget raised as in {@link BenchServer}) with one
 * registered agent cluster, the test Kubernetes API of the agent's tests (the fabric8 mock with its
 * thin layer) and, unless turned off, the fake Flux controllers on it.
 */
final class AgentCluster implements AutoCloseable {
  static final String CLUSTER_ID =
      "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Kubernetes/connectedClusters/bench-agent";
  static final String COLLECTION =
      CLUSTER_ID + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";

  final FluxrpServer server;
  final ArmHttp arm;
  final TestKubernetes kube;
  final FakeFlux flux;
  final Path tokenFile;
  final Path dataDir;

  private AgentCluster(boolean fakeFlux) throws IOException {
    dataDir = Files.createTempDirectory("fluxrp-agent-bench");
    server =
        FluxrpServer.start(
            ServerConfig.embedded(0, dataDir).toBuilder()
                .autoRegisterEmulatedClusters(false)
                .runEmulatedClusters(false)
                .throttle(
                    new ThrottleSettings(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1)))
                .build());
    arm = new ArmHttp(server.baseUri(), server.mintAdminToken(Duration.ofDays(1)));
    String credential =
        arm.put("/admin/v1/clusters" + CLUSTER_ID, "{\"kind\": \"agent\"}")
            .expect(201)
            .json()
            .path("credential")
            .asText();
    tokenFile = dataDir.resolve("agent.token");
    Files.writeString(tokenFile, credential);
    kube = TestKubernetes.start();
    flux = fakeFlux ? FakeFlux.start(kube) : null;
  }

  static AgentCluster start(boolean fakeFlux) throws IOException {
    return new AgentCluster(fakeFlux);
  }

  /** The agent's defaults, except: no health endpoints, and this report debounce. */
  AgentSettings settings(Duration reportDebounce) {
    return settings(reportDebounce, null);
  }

  /** As {@link #settings(Duration)}, with this kubeconfig file. */
  AgentSettings settings(Duration reportDebounce, Path kubeconfig) {
    return new AgentSettings(
        server.baseUri(),
        CLUSTER_ID,
        tokenFile,
        null,
        kubeconfig,
        null,
        AgentSettings.DEFAULT_STATE_NAMESPACE,
        AgentSettings.DEFAULT_WORKERS,
        AgentSettings.DEFAULT_RESYNC,
        AgentSettings.DEFAULT_HEARTBEAT,
        reportDebounce,
        AgentSettings.DEFAULT_DELETE_STEP_TIMEOUT,
        -1);
  }

  /** An agent in this JVM with a Kubernetes client of its own. */
  FluxAgent startAgent(Duration reportDebounce) {
    return FluxAgent.start(settings(reportDebounce), kube.newClient(), Clock.systemUTC());
  }

  static String config(String name) {
    return COLLECTION + "/" + name + ArmHttp.API;
  }

  /**
   * A Git configuration in {@code namespace} with two Kustomizations {@code a} and {@code b}: a
   * GitRepository and Kustomizations {@code <name>-a} and {@code <name>-b} in the cluster.
   */
  static String gitConfiguration(String namespace) {
    return """
        {"properties": {"namespace": "%s",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
          "kustomizations": {"a": {"path": "./a"}, "b": {"path": "./b"}}}}
        """
        .formatted(namespace);
  }

  @Override
  public void close() throws IOException {
    if (flux != null) {
      flux.close();
    }
    kube.close();
    server.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
