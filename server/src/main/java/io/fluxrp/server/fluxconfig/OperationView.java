package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.operations.Operation;

/**
 * The body of the {@code Azure-AsyncOperation} URL: {@code {id, name, status, startTime, endTime,
 * properties, error}}, every key present ({@code null} where not applicable, like the spec's
 * example).
 */
public final class OperationView {
  private OperationView() {}

  public static ObjectNode render(Operation operation) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode body = nodes.objectNode();
    body.put("id", operation.resourceId() + "/operations/" + operation.id());
    body.put("name", operation.id());
    body.put("status", operation.status().wire());
    body.put("startTime", operation.startTime().toString());
    body.put("endTime", operation.endTime() == null ? null : operation.endTime().toString());
    body.set("properties", nodes.objectNode());
    if (operation.errorCode() == null) {
      body.putNull("error");
    } else {
      ObjectNode error = body.putObject("error");
      error.put("code", operation.errorCode());
      error.put("message", operation.errorMessage());
    }
    return body;
  }
}
