package io.fluxrp.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;

/**
 * The ceilings, on a bare Helidon server in the same JVM as fluxrp: {@code GET /bare} answers the
 * same bytes as fluxrp's GET of the target configuration; {@code PUT /raw/{name}} reads the body
 * and does one raw JDBC upsert of it into the same store (H2 or PostgreSQL).
 */
final class BareRoutes {
  private BareRoutes() {}

  static WebServer start(int port, byte[] payload, RawStore raw) {
    return WebServer.builder()
        .port(port)
        .shutdownHook(false)
        .routing(
            routing ->
                routing
                    .get(
                        "/bare",
                        (req, res) -> {
                          res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                          res.send(payload);
                        })
                    .put(
                        "/raw/{name}",
                        (req, res) -> {
                          String body =
                              new String(req.content().as(byte[].class), StandardCharsets.UTF_8);
                          raw.upsert(req.path().pathParameters().get("name"), body);
                          res.status(201).send();
                        })
                    .get("/healthz", (req, res) -> res.send("{\"status\":\"UP\"}")))
        .build()
        .start();
  }
}
