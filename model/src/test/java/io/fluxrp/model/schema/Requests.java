package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.version.ApiVersion;

/** Request bodies read the way the server reads them, for the merge and view tests. */
final class Requests {
  private Requests() {}

  /** The {@code properties} of {@code body} after {@link RequestReader}, which finds no problem. */
  static ObjectNode properties(JsonNode body, ObjectType type, ApiVersion version) {
    RequestReader.Result read = RequestReader.read(body, type, version);
    assertThat(read.problems()).as("problems reading %s", body).isEmpty();
    return (ObjectNode) read.body().get("properties");
  }

  /** {@link #properties(JsonNode, ObjectType, ApiVersion)} of {@code {"properties": ...}}. */
  static ObjectNode properties(String properties, ObjectType type, ApiVersion version) {
    return properties(json("{'properties': " + properties + "}"), type, version);
  }
}
