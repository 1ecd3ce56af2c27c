package io.fluxrp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the benchmarks read, created through the HTTP API before any load. */
final class Fixtures {
  static final String API = "?api-version=2025-04-01";
  static final String CLUSTER =
      "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Kubernetes/connectedClusters/bench";
  static final String LIST_CLUSTER =
      "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Kubernetes/connectedClusters/bench-list";
  static final String PUT_CLUSTER =
      "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Kubernetes/connectedClusters/bench-put";
  static final String COLLECTION =
      "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
  static final String GET_TARGET = CLUSTER + COLLECTION + "/bench-get";
  static final Path EXAMPLE = Path.of("docs/examples/create-flux-configuration.json");

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String token;

  Fixtures(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /**
   * Creates the configuration GET reads (the API reference's first example) on an emulated cluster,
   * waits until it is Succeeded, and returns its GET body (about 3 KB).
   */
  byte[] createGetTarget() throws IOException, InterruptedException {
    HttpResponse<String> put = send("PUT", GET_TARGET + API, Files.readString(EXAMPLE));
    check(put, 201);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> get = send("GET", GET_TARGET + API, null);
      check(get, 200);
      if (get.body().contains("\"provisioningState\":\"Succeeded\"")) {
        return get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the GET target did not reach Succeeded within 30 s");
  }

  /**
   * Registers the LIST and PUT clusters as agent clusters: no agent runs, so their rows stay still
   * and no emulated cluster works on the PUTs while they are measured.
   */
  void registerAgentClusters() throws IOException, InterruptedException {
    registerAgentCluster(LIST_CLUSTER);
    registerAgentCluster(PUT_CLUSTER);
  }

  /** Registers {@code clusterId} as an agent cluster (no agent runs for it). */
  void registerAgentCluster(String clusterId) throws IOException, InterruptedException {
    check(send("PUT", "/admin/v1/clusters" + clusterId, null), 201);
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "expected " + status + ": " + response.statusCode() + " " + response.body());
    }
  }
}
