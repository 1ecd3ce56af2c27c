package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code clusters list} follows {@code nextLink} over pages; a stand-in server answers, so the
 * pages can be small and the links odd.
 */
class ClustersListPagingTest {

  private static final String SUB = "/subscriptions/s1/resourceGroups/rg1/providers/p/t/";

  private HttpServer http;
  private String base;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          String target = exchange.getRequestURI().toString();
          requests.add(target + " " + exchange.getRequestHeaders().getFirst("Authorization"));
          String body = pages.get(target);
          byte[] bytes =
              (body != null ? body : "{\"error\":{\"code\":\"NotFound\",\"message\":\"no page\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private static String page(String nextLink, String... names) {
    StringBuilder value = new StringBuilder();
    for (String name : names) {
      value
          .append(value.isEmpty() ? "" : ",")
          .append("{\"id\":\"")
          .append(SUB)
          .append(name)
          .append("\",\"kind\":\"agent\",\"connectionState\":\"Connected\",")
          .append("\"lastSeenAt\":\"2026-12-05T10:05:00.000Z\",\"configurations\":")
          .append(name.length())
          .append("}");
    }
    return "{\"value\":["
        + value
        + "]"
        + (nextLink == null ? "" : ",\"nextLink\":\"" + nextLink + "\"")
        + "}";
  }

  @Test
  void followsNextLinkAndSendsTheTokenOnlyToTheServer() throws Exception {
    pages.put("/admin/v1/clusters", page(base + "/admin/v1/clusters?$skipToken=p2", "a", "bb"));
    // a nextLink naming another host (a proxy's backend): its query is used on --server
    pages.put(
        "/admin/v1/clusters?$skipToken=p2",
        page("http://backend.internal:9/admin/v1/clusters?$skipToken=p3", "ccc"));
    pages.put("/admin/v1/clusters?$skipToken=p3", page(null, "dddd"));

    Cli table = Cli.run("clusters", "list", "--server", base + "/", "--token", "tok");
    Cli json = Cli.run("clusters", "list", "--server", base, "--token", "tok", "-o", "json");

    assertThat(table.err()).isEmpty();
    assertThat(table.exitCode()).isZero();
    assertThat(table.out().lines())
        .containsExactly(
            "ID"
                + " ".repeat(SUB.length() + 4 - 2)
                + "  KIND   STATE      LAST SEEN                 CONFIGURATIONS",
            SUB + "a     agent  Connected  2026-12-05T10:05:00.000Z  1",
            SUB + "bb    agent  Connected  2026-12-05T10:05:00.000Z  2",
            SUB + "ccc   agent  Connected  2026-12-05T10:05:00.000Z  3",
            SUB + "dddd  agent  Connected  2026-12-05T10:05:00.000Z  4");
    assertThat(requests)
        .containsExactly(
            "/admin/v1/clusters Bearer tok",
            "/admin/v1/clusters?$skipToken=p2 Bearer tok",
            "/admin/v1/clusters?$skipToken=p3 Bearer tok",
            "/admin/v1/clusters Bearer tok",
            "/admin/v1/clusters?$skipToken=p2 Bearer tok",
            "/admin/v1/clusters?$skipToken=p3 Bearer tok");
    JsonNode array = Json.mapper().readTree(json.out());
    assertThat(array.size()).isEqualTo(4);
    assertThat(array.get(3).path("id").asText()).isEqualTo(SUB + "dddd");
    assertThat(json.out()).startsWith("[" + System.lineSeparator() + "  {");
  }

  @Test
  void emptyListSaysSo() {
    pages.put("/admin/v1/clusters", "{\"value\":[]}");

    Cli table = Cli.run("clusters", "list", "--server", base, "--token", "tok");
    Cli json = Cli.run("clusters", "list", "--server", base, "--token", "tok", "-o", "json");

    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).isEmpty();
    assertThat(table.err()).isEqualTo("No clusters registered." + System.lineSeparator());
    assertThat(json.out()).isEqualTo("[]" + System.lineSeparator());
  }

  @Test
  void aNextLinkThatRepeatsAPageStops() {
    pages.put("/admin/v1/clusters", page(base + "/admin/v1/clusters?$skipToken=x", "a"));
    pages.put(
        "/admin/v1/clusters?$skipToken=x", page(base + "/admin/v1/clusters?$skipToken=x", "b"));

    Cli result = Cli.run("clusters", "list", "--server", base, "--token", "tok");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "fluxrp: the server's nextLink repeats a page: "
                + URI.create(base + "/admin/v1/clusters?$skipToken=x")
                + System.lineSeparator());
  }

  @Test
  void aServerPathPrefixIsKeptAndAnArmErrorIsItsCodeAndMessage() {
    pages.put("/fluxrp/admin/v1/clusters", page(null, "a"));

    Cli prefixed = Cli.run("clusters", "list", "--server", base + "/fluxrp", "--token", "tok");
    Cli missing = Cli.run("clusters", "list", "--server", base + "/other", "--token", "tok");

    assertThat(prefixed.exitCode()).isZero();
    assertThat(prefixed.out()).contains(SUB + "a");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("fluxrp: NotFound: no page" + System.lineSeparator());
  }

  @Test
  void anAnswerThatIsNoFluxrpAnswerSaysTheStatus() {
    http.createContext(
        "/plain",
        exchange -> {
          exchange.sendResponseHeaders(502, -1);
          exchange.close();
        });

    Cli result = Cli.run("clusters", "list", "--server", base + "/plain", "--token", "tok");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "fluxrp: HTTP 502 for GET /plain/admin/v1/clusters (not a fluxrp answer)"
                + System.lineSeparator());
  }
}
