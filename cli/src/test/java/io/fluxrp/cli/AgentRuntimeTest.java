package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.agent.AgentSettings;
import io.fluxrp.cli.AgentCommandTest.FakeAgent;
import io.fluxrp.cli.AgentCommandTest.FakeAgents;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health endpoints in front of the agent, and the order of start and stop. */
class AgentRuntimeTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;
  private Path kubeconfig;

  @AfterAll
  static void closeClient() {
    HTTP.close();
  }

  @BeforeEach
  void kubeconfig() throws Exception {
    kubeconfig = tmp.resolve("kubeconfig");
    Kubeconfigs.write(kubeconfig, "https://kube.example:6443");
  }

  @Test
  void theProbesAskTheAgent() throws Exception {
    FakeAgents agents = new FakeAgents();
    try (AgentRuntime runtime = AgentRuntime.start(settings(0), agents)) {
      FakeAgent agent = agents.awaitStart();
      assertThat(runtime.kubernetesApi()).isEqualTo("https://kube.example:6443/");

      assertThat(get(runtime.healthPort(), "/livez")).isEqualTo(200);
      assertThat(get(runtime.healthPort(), "/readyz")).isEqualTo(200);
      agent.ready = false;
      assertThat(get(runtime.healthPort(), "/readyz")).isEqualTo(503);
      agent.live = false;
      assertThat(get(runtime.healthPort(), "/livez")).isEqualTo(503);
    }
  }

  @Test
  void closeStopsTheAgentTheProbesAndTheClient() throws Exception {
    FakeAgents agents = new FakeAgents();
    AgentRuntime runtime = AgentRuntime.start(settings(0), agents);
    FakeAgent agent = agents.awaitStart();
    int port = runtime.healthPort();

    runtime.close();

    assertThat(agent.closed).isTrue();
    assertThatThrownBy(() -> get(port, "/livez")).isInstanceOf(ConnectException.class);
    assertThat(agent.kubernetes.getHttpClient().isClosed()).isTrue();
  }

  @Test
  void healthPortMinusOneServesNoProbes() throws Exception {
    FakeAgents agents = new FakeAgents();
    try (AgentRuntime runtime = AgentRuntime.start(settings(-1), agents)) {
      assertThat(runtime.healthPort()).isEqualTo(-1);
      assertThat(agents.awaitStart().closed).isFalse();
    }
  }

  @Test
  void aFailedStartReleasesTheHealthPortAndTheClient() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    AgentRuntime.Starter failing =
        (settings, kubernetes) -> {
          throw new IllegalStateException("no Flux CRDs");
        };

    assertThatThrownBy(() -> AgentRuntime.start(settings(port), failing))
        .isInstanceOf(CliException.class)
        .hasMessage("cannot start the agent: no Flux CRDs");

    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress(port)); // the health endpoints let go of it
    }
  }

  @Test
  void aTakenHealthPortIsAFailureThatSaysHowToChooseAnother() throws Exception {
    FakeAgents agents = new FakeAgents();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(0));

      assertThatThrownBy(() -> AgentRuntime.start(settings(taken.getLocalPort()), agents))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("cannot listen on health port " + taken.getLocalPort())
          .hasMessageContaining("--health-port");
    }
    assertThat(agents.started).isEmpty();
  }

  private AgentSettings settings(int healthPort) {
    AgentSettings d =
        AgentSettings.defaults(
            URI.create("http://fluxrp:8080"), AgentCommandTest.CLUSTER, tmp.resolve("token"));
    return new AgentSettings(
        d.server(),
        d.clusterId(),
        d.tokenFile(),
        null,
        kubeconfig,
        null,
        d.stateNamespace(),
        d.workers(),
        d.resyncInterval(),
        d.heartbeatInterval(),
        d.reportDebounce(),
        d.deleteStepTimeout(),
        healthPort);
  }

  private static int get(int port, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
