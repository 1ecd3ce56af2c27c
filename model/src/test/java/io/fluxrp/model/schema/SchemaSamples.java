package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test inputs generated from the schema itself: a value for every property, and the paths of the
 * write-only ones. String values are {@code v:<path>}, so a leaked value names its property.
 */
final class SchemaSamples {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaSamples() {}

  /** An object with every field of {@code type} (read-only ones too when {@code readOnly}). */
  static ObjectNode full(ObjectType type, boolean readOnly) {
    return object(type, "", readOnly);
  }

  /** Paths ({@code a.b}, map keys as {@code *}) of every {@code x-ms-secret} property. */
  static Set<String> secretPaths(ObjectType type) {
    Set<String> paths = new TreeSet<>();
    secretPaths(type, "", paths);
    return paths;
  }

  /** Paths of every leaf value of a JSON tree, map keys and array indexes included. */
  static Set<String> leafPaths(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    leafPaths(node, "", paths);
    return paths;
  }

  private static ObjectNode object(ObjectType type, String path, boolean readOnly) {
    ObjectNode node = NODES.objectNode();
    for (Field field : type.fields()) {
      if (field.readOnly() && !readOnly) {
        continue;
      }
      node.set(field.name(), value(field.type(), join(path, field.name()), readOnly));
    }
    return node;
  }

  private static JsonNode value(SchemaType type, String path, boolean readOnly) {
    return switch (type) {
      case ObjectType object -> object(object, path, readOnly);
      case MapType map -> {
        ObjectNode node = NODES.objectNode();
        node.set("key1", value(map.values(), path + ".key1", readOnly));
        yield node;
      }
      case ArrayType array -> {
        ArrayNode node = NODES.arrayNode();
        node.add(value(array.items(), path + "[0]", readOnly));
        yield node;
      }
      case EnumType enumType -> TextNode.valueOf(enumType.values().get(0).wire());
      case ScalarType scalar ->
          switch (scalar) {
            case STRING -> TextNode.valueOf("v:" + path);
            case BOOLEAN -> BooleanNode.TRUE;
            case INT64 -> LongNode.valueOf(7);
            case DATE_TIME -> TextNode.valueOf("2025-04-01T12:00:00Z");
          };
    };
  }

  private static void secretPaths(SchemaType type, String path, Set<String> out) {
    switch (type) {
      case ObjectType object -> {
        for (Field field : object.fields()) {
          String fieldPath = join(path, field.name());
          if (field.secret()) {
            out.add(fieldPath);
          } else {
            secretPaths(field.type(), fieldPath, out);
          }
        }
      }
      case MapType map -> secretPaths(map.values(), path + ".key1", out);
      case ArrayType array -> secretPaths(array.items(), path + "[0]", out);
      default -> {}
    }
  }

  private static void leafPaths(JsonNode node, String path, Set<String> out) {
    if (node.isObject() && !node.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        leafPaths(e.getValue(), join(path, e.getKey()), out);
      }
    } else if (node.isArray() && !node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        leafPaths(node.get(i), path + "[" + i + "]", out);
      }
    } else {
      out.add(path);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
