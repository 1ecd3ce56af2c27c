package io.fluxrp.agent.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.model.agentapi.ReportResult;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent side of the agent API (docs/agent-api.md): the desired-state feed and reports, with the
 * cluster's credential. A 401 makes it read the token file again and retry once.
 */
public final class ServerClient {
  private static final ObjectMapper JSON = Json.mapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final String clusterParameter;
  private final TokenFile token;
  private final HttpClient http;

  public ServerClient(URI server, String clusterId, TokenFile token, Path caCertificate) {
    this.server = withoutTrailingSlash(server);
    this.clusterParameter = URLEncoder.encode(clusterId, StandardCharsets.UTF_8);
    this.token = token;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    if (caCertificate != null) {
      builder.sslContext(trusting(caCertificate));
    }
    this.http = builder.build();
  }

  /** {@code GET /agent/v1/desired}: changes after {@code since}, waiting up to {@code wait}. */
  public DesiredPage desired(long since, Duration wait, int limit) {
    URI uri =
        server.resolve(
            "/agent/v1/desired?cluster="
                + clusterParameter
                + "&since="
                + since
                + "&wait="
                + wait.toSeconds()
                + "&limit="
                + limit);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).GET().timeout(REQUEST_TIMEOUT.plus(wait));
    return read(send(request), DesiredPage.class);
  }

  /** {@code POST /agent/v1/reports}; the server's answer per configuration. */
  public List<ReportResult> report(AgentReport report) {
    URI uri = server.resolve("/agent/v1/reports?cluster=" + clusterParameter);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .timeout(REQUEST_TIMEOUT);
    JsonNode answer = read(send(request), JsonNode.class);
    return List.of(JSON.convertValue(answer.path("results"), ReportResult[].class));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response = exchange(request);
    if (response.statusCode() == 401 && token.reload()) {
      response = exchange(request);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ServerException(
          response.statusCode(),
          "the fluxrp server answered " + response.statusCode() + ": " + errorText(response.body()),
          null);
    }
    return response;
  }

  private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
    try {
      return http.send(
          request.setHeader("Authorization", "Bearer " + token.token()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ServerException(0, "the fluxrp server at " + server + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerException(0, "interrupted", e);
    }
  }

  private static <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    try {
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new ServerException(
          response.statusCode(), "the fluxrp server sent an unreadable answer: " + e, e);
    }
  }

  private static String errorText(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isObject()) {
        return error.path("code").asText() + ": " + error.path("message").asText();
      }
    } catch (IOException e) {
      // not JSON: fall through to the raw text
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }

  private static SSLContext trusting(Path caCertificate) {
    try (InputStream in = Files.newInputStream(caCertificate)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      if (index == 0) {
        throw new IllegalArgumentException("no certificate in " + caCertificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caCertificate + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use " + caCertificate + ": " + e, e);
    }
  }
}
