package io.fluxrp.agent.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the fluxrp server's report endpoint: records every report with the credential it
 * came with, answers each configuration {@code Accepted}, and can refuse requests first.
 */
final class StandInServer implements AutoCloseable {
  record Received(String authorization, JsonNode report) {}

  private final HttpServer http;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger refuse = new AtomicInteger();
  private volatile int refuseWith = 503;
  private volatile String acceptedToken;

  StandInServer(String acceptedToken) throws IOException {
    this.acceptedToken = acceptedToken;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/agent/v1/reports", this::report);
    http.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Reports that carry configurations (heartbeats left out). */
  List<JsonNode> withConfigurations() {
    return received.stream()
        .map(Received::report)
        .filter(r -> r.path("configurations").size() > 0)
        .toList();
  }

  void refuseNext(int times, int status) {
    refuseWith = status;
    refuse.set(times);
  }

  void acceptOnly(String token) {
    acceptedToken = token;
  }

  private void report(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + acceptedToken).equals(authorization)) {
      answer(
          exchange,
          401,
          "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"no\"}}");
      return;
    }
    if (refuse.getAndDecrement() > 0) {
      answer(
          exchange,
          refuseWith,
          "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}");
      return;
    }
    JsonNode report = Json.mapper().readTree(exchange.getRequestBody());
    received.add(new Received(authorization, report));
    StringBuilder results = new StringBuilder("{\"results\":[");
    for (JsonNode configuration : report.path("configurations")) {
      if (results.charAt(results.length() - 1) == '}') {
        results.append(',');
      }
      results
          .append("{\"name\":")
          .append(configuration.path("name"))
          .append(",\"result\":\"Accepted\"}");
    }
    answer(exchange, 200, results.append("]}").toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
