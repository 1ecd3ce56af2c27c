package io.fluxrp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.arm.ErrorResponse;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The admin API of a running server ({@code /admin/v1/clusters}, {@code /admin/v1/roleAssignments},
 * docs/agent-api.md) over HTTP. Every failure is a {@link CliException} with the line the user
 * sees: the ARM error's code and message, or why the server could not be reached.
 */
final class AdminClient implements AutoCloseable {

  static final String CLUSTERS = "/admin/v1/clusters";
  static final String SECRETS_ROTATE = "/admin/v1/secrets/rotate";
  static final String ROLE_ASSIGNMENTS = "/admin/v1/roleAssignments";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI server;
  private final String token;
  private final HttpClient http;

  AdminClient(URI server, String token) {
    this(server, token, null);
  }

  /**
   * @param tls the TLS context for an {@code https} server (null: the JVM's default trust)
   */
  AdminClient(URI server, String token, SSLContext tls) {
    this.server = server;
    this.token = token;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER); // the token goes nowhere else
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  /** {@code <server>/admin/v1/clusters}. */
  URI clusters() {
    return URI.create(server + CLUSTERS);
  }

  /** {@code <server>/admin/v1/secrets/rotate}. */
  URI secretsRotate() {
    return URI.create(server + SECRETS_ROTATE);
  }

  /** {@code <server>/admin/v1/clusters<id>}, each segment of the id escaped. */
  URI cluster(ClusterId id) {
    return URI.create(server + CLUSTERS + id.path());
  }

  /** {@code <server>/admin/v1/roleAssignments}, with {@code ?principalId=} when one is given. */
  URI roleAssignments(String principalId) {
    return URI.create(
        server
            + ROLE_ASSIGNMENTS
            + (principalId == null
                ? ""
                : "?principalId=" + URLEncoder.encode(principalId, StandardCharsets.UTF_8)));
  }

  /** {@code <server>/admin/v1/roleAssignments/<id>}, the id escaped. */
  URI roleAssignment(String id) {
    return URI.create(
        server + ROLE_ASSIGNMENTS + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  /**
   * A {@code nextLink} to follow: as it is when it points to {@code --server}, else its query on
   * this server's cluster list (a proxy may hand out its backend's address; the token is only ever
   * sent to {@code --server}).
   */
  URI next(String nextLink) {
    URI link;
    try {
      link = URI.create(nextLink);
    } catch (IllegalArgumentException e) {
      throw new CliException("the server answered an unusable nextLink: " + nextLink);
    }
    if (sameOrigin(link, server)) {
      return link;
    }
    return URI.create(clusters() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
  }

  /** A response with a 2xx status; {@code body} is null when there is none. */
  record Response(int status, JsonNode body) {
    ClusterView cluster() {
      if (body == null || !body.isObject()) {
        throw new CliException("unexpected answer from the server: not a cluster");
      }
      try {
        return Json.mapper().treeToValue(body, ClusterView.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new CliException("unexpected answer from the server: not a cluster");
      }
    }
  }

  /** Sends {@code method uri} with an optional JSON body; anything but 2xx is a failure. */
  Response send(String method, URI uri, String json) {
    return send(method, uri, json, REQUEST_TIMEOUT);
  }

  /** {@link #send(String, URI, String)} waiting up to {@code timeout} for the answer. */
  Response send(String method, URI uri, String json, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliException(
          "cannot reach the fluxrp server at " + server + ": " + reason(e, timeout), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status / 100 != 2) {
      throw new CliException(failure(status, body, method, uri));
    }
    if (body == null && status != 204 && !response.body().isBlank()) {
      throw new CliException("unexpected answer from the server: HTTP " + status + ", not JSON");
    }
    return new Response(status, body);
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code code: message} of an ARM error body; the status and request otherwise. */
  static String failure(int status, JsonNode body, String method, URI uri) {
    if (body != null && body.has("error")) {
      try {
        ErrorDetail error = Json.mapper().treeToValue(body, ErrorResponse.class).error();
        if (error != null && error.code() != null && error.message() != null) {
          return error.code() + ": " + error.message();
        }
      } catch (JsonProcessingException | IllegalArgumentException e) {
        // not an ARM error after all: say what happened below
      }
    }
    return "HTTP " + status + " for " + method + " " + uri.getRawPath() + " (not a fluxrp answer)";
  }

  private static String reason(IOException e, Duration timeout) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (Errors.find(e, UnresolvedAddressException.class).isPresent()) {
      return "unknown host";
    }
    if (e instanceof ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
      return "connection refused";
    }
    if (Errors.find(e, SSLHandshakeException.class).isPresent()) {
      return "its TLS certificate is not trusted (" + Errors.oneLine(e) + "); pass --cacert";
    }
    return Errors.oneLine(e);
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getHost() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  @Override
  public void close() {
    http.close();
  }
}
