package io.fluxrp.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** {@code GET /healthz}: the process is up and serving (no token, no api-version). */
final class Health {
  private Health() {}

  static ApiResponse up() {
    return ApiResponse.of(200, JsonNodeFactory.instance.objectNode().put("status", "UP"));
  }
}
