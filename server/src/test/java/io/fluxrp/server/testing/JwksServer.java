package io.fluxrp.server.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's JWKS endpoint on a random local port: serves the public halves of the keys
 * set with {@link #serve}, counts the requests, and answers 500 while {@link #failing} is set.
 */
public final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile String body = "{\"keys\":[]}";
  private volatile boolean failing;

  private JwksServer(HttpServer server) {
    this.server = server;
  }

  /** A running server with no keys. */
  public static JwksServer start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      JwksServer jwks = new JwksServer(http);
      http.createContext("/keys", jwks::handle);
      http.start();
      return jwks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on the JWKS holds the public halves of {@code keys}. */
  public void serve(List<? extends JWK> keys) {
    body = new JWKSet(List.copyOf(keys)).toPublicJWKSet().toString();
  }

  /** Whether requests fail with 500 from now on. */
  public void failing(boolean value) {
    failing = value;
  }

  /** How many times the JWKS was requested. */
  public int fetches() {
    return fetches.get();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
  }

  private void handle(HttpExchange exchange) throws IOException {
    fetches.incrementAndGet();
    byte[] bytes = (failing ? "{\"error\":\"down\"}" : body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(failing ? 500 : 200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
