package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stored form of a configuration's desired state: no {@code null}s, source blocks other than
 * the selected one removed when empty, and every schema default filled in.
 */
public final class Canonical {
  private Canonical() {}

  /** The normalised form of merged {@code properties} (a new node; the argument is not changed). */
  public static ObjectNode normalize(ObjectNode properties) {
    ObjectNode clean = (ObjectNode) withoutNulls(properties);
    String selected = blockOf(sourceKind(clean));
    for (String block : FluxSchema.SOURCE_BLOCKS) {
      JsonNode node = clean.get(block);
      if (!block.equals(selected) && node != null && node.isObject() && node.isEmpty()) {
        clean.remove(block);
      }
    }
    fillDefaults(FluxSchema.PROPERTIES, clean);
    deriveBucketInsecure(clean);
    return clean;
  }

  /** The {@code sourceKind} in effect: the given one or the schema default. */
  public static String sourceKind(ObjectNode properties) {
    JsonNode kind = properties.get("sourceKind");
    return kind != null && kind.isTextual() ? kind.textValue() : "GitRepository";
  }

  /** The source block property a {@code sourceKind} uses (e.g. {@code ociRepository}). */
  public static String blockOf(String sourceKind) {
    return switch (sourceKind) {
      case "Bucket" -> "bucket";
      case "AzureBlob" -> "azureBlob";
      case "OCIRepository" -> "ociRepository";
      default -> "gitRepository";
    };
  }

  static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
              });
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return parsedForm(node);
  }

  /**
   * Integers as Jackson's parser represents them (int when it fits, else long): {@code
   * ObjectNode.equals} tells {@code IntNode(600)} from {@code LongNode(600)}, and the canonical
   * form is compared with stored JSON to detect unchanged configurations.
   */
  private static JsonNode parsedForm(JsonNode node) {
    if (node.isIntegralNumber() && !node.isInt()) {
      if (node.canConvertToInt()) {
        return IntNode.valueOf(node.intValue());
      }
      if (!node.isLong() && node.canConvertToLong()) {
        return LongNode.valueOf(node.longValue());
      }
    }
    return node;
  }

  private static void fillDefaults(ObjectType type, ObjectNode node) {
    for (Field field : type.fields()) {
      if (field.readOnly()) {
        continue;
      }
      JsonNode value = node.get(field.name());
      if (value == null) {
        if (field.defaultValue() != null) {
          node.set(field.name(), field.defaultValue().deepCopy());
        }
      } else {
        fillNested(field.type(), value);
      }
    }
  }

  private static void fillNested(SchemaType type, JsonNode value) {
    switch (type) {
      case ObjectType objectType when value instanceof ObjectNode object ->
          fillDefaults(objectType, object);
      case MapType map when value instanceof ObjectNode object ->
          object.forEach(entry -> fillNested(map.values(), entry));
      case ArrayType array when value instanceof ArrayNode items ->
          items.forEach(item -> fillNested(array.items(), item));
      default -> {}
    }
  }

  /**
   * The spec says Bucket {@code insecure} defaults to {@code true}; a plain-HTTP default for an
   * {@code https://} endpoint would break TLS, so an absent value follows the URL scheme instead.
   */
  private static void deriveBucketInsecure(ObjectNode properties) {
    if (properties.get("bucket") instanceof ObjectNode bucket && !bucket.has("insecure")) {
      JsonNode url = bucket.get("url");
      boolean plainHttp =
          url != null
              && url.isTextual()
              && url.textValue().toLowerCase(Locale.ROOT).startsWith("http://");
      bucket.set("insecure", BooleanNode.valueOf(plainHttp));
    }
  }

  /** The names of the kustomizations, in the order stored. */
  public static List<String> kustomizationNames(ObjectNode properties) {
    List<String> names = new ArrayList<>();
    if (properties.get("kustomizations") instanceof ObjectNode map) {
      map.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }
}
