package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxrp.model.version.ApiVersion;

/**
 * What a client of one api-version sees of a resource: only properties and enum values that version
 * knows, in the spec's order, never a write-only value, and each kustomization's read-only {@code
 * name} filled from its map key.
 */
public final class ResponseView {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponseView() {}

  public static ObjectNode render(ObjectType type, ObjectNode node, ApiVersion version) {
    ObjectNode result = NODES.objectNode();
    for (Field field : type.fields()) {
      JsonNode value = node.get(field.name());
      if (value == null || value.isNull() || field.secret() || !field.visibleIn(value, version)) {
        continue;
      }
      result.set(field.name(), value(field.type(), value, version));
    }
    return result;
  }

  private static JsonNode value(SchemaType type, JsonNode value, ApiVersion version) {
    return switch (type) {
      case ObjectType objectType when value instanceof ObjectNode object ->
          render(objectType, object, version);
      case MapType map when value instanceof ObjectNode object -> map(map, object, version);
      case ArrayType array when value instanceof ArrayNode items -> {
        ArrayNode result = NODES.arrayNode();
        items.forEach(item -> result.add(value(array.items(), item, version)));
        yield result;
      }
      default -> value.deepCopy();
    };
  }

  private static ObjectNode map(MapType map, ObjectNode object, ApiVersion version) {
    ObjectNode result = NODES.objectNode();
    object
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode rendered = value(map.values(), entry.getValue(), version);
              if (map.values() instanceof ObjectType valueType
                  && rendered instanceof ObjectNode renderedObject
                  && valueType.field("name").filter(Field::readOnly).isPresent()) {
                ObjectNode named = NODES.objectNode();
                named.set("name", TextNode.valueOf(entry.getKey()));
                named.setAll(renderedObject);
                rendered = named;
              }
              result.set(entry.getKey(), rendered);
            });
    return result;
  }
}
