package io.fluxrp.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The probes over real HTTP. */
class HealthEndpointsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void closeClient() {
    HTTP.close();
  }

  @Test
  void answersWhatTheSuppliersSayAtEachRequest() throws Exception {
    AtomicBoolean live = new AtomicBoolean(true);
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthEndpoints health = HealthEndpoints.start(0, live::get, ready::get)) {
      assertThat(health.port()).isPositive();

      assertThat(get(health, "/livez")).isEqualTo("200 ok");
      assertThat(get(health, "/readyz")).isEqualTo("503 not ready");

      live.set(false);
      ready.set(true);
      assertThat(get(health, "/livez")).isEqualTo("503 not live");
      assertThat(get(health, "/readyz")).isEqualTo("200 ok");
    }
  }

  @Test
  void aFailingCheckIsUnhealthy() throws Exception {
    try (HealthEndpoints health =
        HealthEndpoints.start(
            0,
            () -> {
              throw new IllegalStateException("broken");
            },
            () -> true)) {
      assertThat(get(health, "/livez")).isEqualTo("503 not live");
      assertThat(get(health, "/readyz")).isEqualTo("200 ok");
    }
  }

  @Test
  void servesNothingElse() throws Exception {
    try (HealthEndpoints health = HealthEndpoints.start(0, () -> true, () -> true)) {
      assertThat(get(health, "/")).startsWith("404");
      assertThat(get(health, "/healthz")).startsWith("404");
      HttpResponse<String> post =
          HTTP.send(
              HttpRequest.newBuilder(uri(health.port(), "/livez"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isNotEqualTo(200);
    }
  }

  @Test
  void closeStopsListening() throws Exception {
    HealthEndpoints health = HealthEndpoints.start(0, () -> true, () -> true);
    int port = health.port();
    assertThat(get(health, "/livez")).isEqualTo("200 ok");

    health.close();

    assertThatThrownBy(
            () ->
                HTTP.send(
                    HttpRequest.newBuilder(uri(port, "/livez")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aPortInUseIsAnError() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(0));
      assertThatThrownBy(() -> HealthEndpoints.start(taken.getLocalPort(), () -> true, () -> true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("health port " + taken.getLocalPort());
    }
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> HealthEndpoints.start(-1, () -> true, () -> true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthEndpoints.start(65536, () -> true, () -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String get(HealthEndpoints health, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri(health.port(), path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
