package io.fluxrp.agent.health;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /livez} and {@code GET /readyz} for the kubelet's probes: {@code 200 ok} while the
 * supplier says so, else {@code 503}. Plain HTTP on all interfaces; nothing else is served.
 */
public final class HealthEndpoints implements AutoCloseable {

  public static final String LIVENESS_PATH = "/livez";
  public static final String READINESS_PATH = "/readyz";

  private final WebServer server;

  private HealthEndpoints(WebServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code port} (0: any free port).
   *
   * @throws IllegalArgumentException when the port is not 0 to 65535
   * @throws IllegalStateException when the port cannot be bound
   */
  public static HealthEndpoints start(int port, BooleanSupplier live, BooleanSupplier ready) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("health port must be 0 to 65535, was " + port);
    }
    WebServer server =
        WebServer.builder()
            .port(port)
            .shutdownHook(false)
            .routing(
                routing ->
                    routing
                        .get(LIVENESS_PATH, (req, res) -> answer(res, live, "not live"))
                        .get(READINESS_PATH, (req, res) -> answer(res, ready, "not ready")))
            .build()
            .start();
    if (!server.isRunning() || server.port() <= 0) {
      // Helidon logs a listener that could not bind and carries on without it
      server.stop();
      throw new IllegalStateException(
          "cannot listen on health port " + port + ": the address is in use or not allowed");
    }
    return new HealthEndpoints(server);
  }

  /** The port bound (the one chosen when started with 0). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void answer(ServerResponse res, BooleanSupplier check, String failure) {
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false;
    }
    res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
    res.status(ok ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503).send(ok ? "ok" : failure);
  }
}
