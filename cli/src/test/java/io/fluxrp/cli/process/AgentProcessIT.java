package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.cli.Kubeconfigs;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cli/target/fluxrp agent} as a real process, as the README's "Attach a real cluster" runs
 * it from a workstation: a kubeconfig for the (test) Kubernetes API, the cluster's credential in a
 * file. A PUT through the server ends as Flux objects, the health endpoints answer, and SIGTERM
 * stops it with exit code 0.
 */
class AgentProcessIT {
  private static final Pattern STARTED = Pattern.compile("health endpoints on port (\\d+)");

  @TempDir Path dir;

  @Test
  void theAgentCommandAppliesAConfigurationAndStopsCleanly() throws Exception {
    try (TestServer server =
            TestServer.start(
                c ->
                    c.toBuilder()
                        .autoRegisterEmulatedClusters(false)
                        .runEmulatedClusters(false)
                        .build());
        TestKubernetes kube = TestKubernetes.start();
        FakeFlux flux = FakeFlux.start(kube)) {
      String clusterId = AdminApi.clusterId("process");
      Path token =
          Files.writeString(
              dir.resolve("token"), new AdminApi(server.client()).registerAgent(clusterId));
      Path kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), kube.url());
      Process agent =
          new ProcessBuilder(
                  ServerProcess.launcher().toString(),
                  "agent",
                  "--server",
                  server.server().baseUri().toString(),
                  "--cluster",
                  clusterId,
                  "--token-file",
                  token.toString(),
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "--health-port",
                  "0")
              .start();
      List<String> log = new CopyOnWriteArrayList<>();
      CompletableFuture<Integer> healthPort = new CompletableFuture<>();
      Thread.ofPlatform().daemon().start(() -> follow(agent, log, healthPort));
      try {
        int port = healthPort.get(60, TimeUnit.SECONDS);
        Await.until("the agent is ready", () -> status(port, "/readyz") == 200);
        assertThat(status(port, "/livez")).isEqualTo(200);

        String configuration = AdminApi.configuration(clusterId, "from-process");
        ArmClient.Response put = server.client().put(ArmClient.v(configuration), Bodies.git());
        assertThat(put.status()).as("%s", put).isEqualTo(201);
        assertThat(
                server
                    .client()
                    .awaitOperation(put.header("Azure-AsyncOperation").orElseThrow())
                    .path("status")
                    .asText())
            .isEqualTo("Succeeded");
        assertThat(flux.get("GitRepository", "apps", "from-process")).isNotNull();
        assertThat(flux.get("Kustomization", "apps", "from-process-infra")).isNotNull();

        agent.destroy();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s: %s", log).isTrue();
        assertThat(agent.exitValue()).as("%s", log).isZero();
      } finally {
        agent.destroyForcibly();
      }
    }
  }

  private static void follow(Process process, List<String> log, CompletableFuture<Integer> port) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.add(line);
        Matcher started = STARTED.matcher(line);
        if (started.find()) {
          port.complete(Integer.parseInt(started.group(1)));
        }
      }
      port.completeExceptionally(new IllegalStateException("fluxrp agent exited: " + log));
    } catch (Exception e) {
      port.completeExceptionally(e);
    }
  }

  private static int status(int port, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
