package io.fluxrp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The fluxrp HTTP API as the agent benchmarks call it: one token, JSON bodies. */
final class ArmHttp {
  static final String API = "?api-version=2025-04-01";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;
  private final String token;

  ArmHttp(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A response: status and body text. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    Response expect(int... statuses) {
      for (int status : statuses) {
        if (this.status == status) {
          return this;
        }
      }
      throw new IllegalStateException("unexpected answer " + status + ": " + body);
    }
  }

  Response put(String path, String json) {
    return send("PUT", path, json);
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  /** {@code path} relative to the server, or an absolute URL (a nextLink). */
  Response send(String method, String path, String json) {
    URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
