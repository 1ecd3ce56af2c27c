package io.fluxrp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Talks to a fluxrp server over HTTP the way ARM clients do, and records every response body. */
public final class ArmClient {
  public static final String CLUSTER =
      "/subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/clusterName1";
  public static final String COLLECTION =
      CLUSTER + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";

  /** Every api-version the server serves, oldest first (written here, not taken from it). */
  public static final List<String> API_VERSIONS =
      List.of(
          "2022-03-01",
          "2022-07-01",
          "2022-11-01",
          "2023-05-01",
          "2024-04-01-preview",
          "2024-11-01",
          "2025-04-01");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final StringBuffer BODIES_SEEN = new StringBuffer();

  private final Supplier<URI> base;
  private final Supplier<String> token;

  public ArmClient(URI base, String token) {
    this(() -> base, () -> token);
  }

  /**
   * A client whose server address and token are looked up at each request, e.g. for a server that
   * is started later or restarted ({@link TestServer}, {@link SharedTestServer}).
   */
  public ArmClient(Supplier<URI> base, Supplier<String> token) {
    this.base = base;
    this.token = token;
  }

  /** Every response body any ArmClient received in this JVM (for secret-leak scans). */
  public static String bodiesSeen() {
    return BODIES_SEEN.toString();
  }

  public URI base() {
    return base.get();
  }

  public String token() {
    return token.get();
  }

  /** A response: status, headers (first value, lower-case names) and the body text. */
  public record Response(int status, Map<String, String> headers, String text) {
    public JsonNode json() {
      try {
        return Json.mapper().readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text, e);
      }
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text;
    }
  }

  /** {@code path?api-version=2025-04-01} (unless the path has a query already). */
  public static String v(String path) {
    return v(path, "2025-04-01");
  }

  public static String v(String path, String apiVersion) {
    return path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
  }

  public static String config(String name) {
    return COLLECTION + "/" + name;
  }

  public Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Map.of());
  }

  public Response put(String pathAndQuery, String json) {
    return sendJson("PUT", pathAndQuery, json, Map.of());
  }

  public Response patch(String pathAndQuery, String json) {
    return sendJson("PATCH", pathAndQuery, json, Map.of());
  }

  public Response delete(String pathAndQuery) {
    return send("DELETE", pathAndQuery, null, Map.of());
  }

  /**
   * A request with a JSON body ({@code Content-Type: application/json}) or, when {@code json} is
   * null, none; {@code headers} come on top (and may override both).
   */
  public Response sendJson(
      String method, String pathAndQuery, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    if (json != null) {
      all.put("Content-Type", "application/json");
    }
    all.putAll(headers);
    return send(method, pathAndQuery, json, all);
  }

  /** Any request; {@code headers} may override Authorization (empty value: no header). */
  public Response send(
      String method, String pathAndQuery, String body, Map<String, String> headers) {
    return sendBytes(
        method,
        pathAndQuery,
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers);
  }

  /** Any request with a body of raw bytes (e.g. invalid UTF-8). */
  public Response sendBytes(
      String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    return exchange(
        method,
        pathAndQuery,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body),
        headers);
  }

  /** A request whose body is sent chunked, without a Content-Length. */
  public Response sendChunked(
      String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
    return exchange(
        method,
        pathAndQuery,
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)),
        headers);
  }

  private Response exchange(
      String method,
      String pathAndQuery,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    URI uri =
        pathAndQuery.startsWith("http")
            ? URI.create(pathAndQuery)
            : base.get().resolve(pathAndQuery);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", "Bearer " + token.get());
    all.putAll(headers);
    all.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            request.header(name, value);
          }
        });
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach((k, v) -> responseHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      BODIES_SEEN.append(response.body()).append('\n');
      return new Response(response.statusCode(), responseHeaders, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls the Azure-AsyncOperation URL until the operation is terminal (or 10 s pass). */
  public JsonNode awaitOperation(String asyncOperationUrl) {
    return awaitOperation(asyncOperationUrl, Duration.ofSeconds(10));
  }

  /** Polls the operation until it is terminal; fails when it is not within {@code limit}. */
  public JsonNode awaitOperation(String asyncOperationUrl, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Response status = get(asyncOperationUrl);
      if (status.status() != 200) {
        throw new AssertionError("operation status: " + status);
      }
      JsonNode body = status.json();
      String state = body.path("status").asText();
      if (state.equals("Succeeded") || state.equals("Failed") || state.equals("Canceled")) {
        return body;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "operation still " + state + " after " + limit.toSeconds() + " s: " + body);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
