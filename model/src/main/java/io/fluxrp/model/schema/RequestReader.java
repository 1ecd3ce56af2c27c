package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.version.ApiVersion;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request body against the schema of one api-version and returns a clean copy: read-only
 * properties dropped, enum values in their canonical spelling, {@code null}s kept (in a PATCH they
 * remove, in a PUT they mean absent). Every problem is collected, none stops the walk.
 */
public final class RequestReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiVersion version;
  private final List<ErrorDetail> problems = new ArrayList<>();

  private RequestReader(ApiVersion version) {
    this.version = version;
  }

  /** The cleaned body and the problems found; the body is only meaningful when there are none. */
  public record Result(ObjectNode body, List<ErrorDetail> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Result read(JsonNode body, ObjectType type, ApiVersion version) {
    RequestReader reader = new RequestReader(version);
    if (body == null || !body.isObject()) {
      reader.problem(
          ArmErrorCode.INVALID_PROPERTY_TYPE,
          JsonPath.ROOT,
          "The request body must be a JSON object, not " + describe(body) + ".");
      return new Result(NODES.objectNode(), List.copyOf(reader.problems));
    }
    ObjectNode clean = reader.object((ObjectNode) body, type, JsonPath.ROOT);
    return new Result(clean, List.copyOf(reader.problems));
  }

  private ObjectNode object(ObjectNode node, ObjectType type, JsonPath path) {
    ObjectNode clean = NODES.objectNode();
    // names already given, whether kept, ignored (read-only) or refused (not in this version)
    Set<String> given = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonPath fieldPath = path.property(entry.getKey());
      Field field = type.lookup(entry.getKey()).orElse(null);
      if (field != null && !given.add(field.name())) {
        problem(
            ArmErrorCode.INVALID_REQUEST_CONTENT,
            fieldPath,
            "The property '" + path.property(field.name()) + "' is given more than once.");
      } else if (field == null) {
        unknownProperty(type, entry.getKey(), fieldPath);
      } else if (!field.existsIn(version)) {
        problem(
            ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION,
            fieldPath,
            "The property '"
                + fieldPath
                + "' is not supported in api-version "
                + version.wire()
                + "; it is available from api-version "
                + field.since().wire()
                + ".");
      } else if (!field.readOnly()) {
        clean.set(field.name(), value(entry.getValue(), field.type(), path.property(field.name())));
      }
    }
    return clean;
  }

  private JsonNode value(JsonNode node, SchemaType type, JsonPath path) {
    if (node.isNull()) {
      return node;
    }
    return switch (type) {
      case ScalarType scalar -> scalar(node, scalar, path);
      case EnumType enumType -> enumValue(node, enumType, path);
      case ObjectType objectType ->
          node.isObject()
              ? object((ObjectNode) node, objectType, path)
              : wrongType(node, type, path);
      case MapType map ->
          node.isObject() ? map((ObjectNode) node, map, path) : wrongType(node, type, path);
      case ArrayType array ->
          node.isArray() ? array((ArrayNode) node, array, path) : wrongType(node, type, path);
    };
  }

  private JsonNode map(ObjectNode node, MapType type, JsonPath path) {
    ObjectNode clean = NODES.objectNode();
    node.fields()
        .forEachRemaining(
            e -> clean.set(e.getKey(), value(e.getValue(), type.values(), path.key(e.getKey()))));
    return clean;
  }

  private JsonNode array(ArrayNode node, ArrayType type, JsonPath path) {
    ArrayNode clean = NODES.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isNull()) {
        problem(
            ArmErrorCode.INVALID_PROPERTY_VALUE,
            path.index(i),
            "The array '" + path + "' must not contain null items.");
      } else {
        clean.add(value(item, type.items(), path.index(i)));
      }
    }
    return clean;
  }

  private JsonNode scalar(JsonNode node, ScalarType type, JsonPath path) {
    return switch (type) {
      case STRING -> node.isTextual() ? node : wrongType(node, type, path);
      case BOOLEAN -> node.isBoolean() ? node : wrongType(node, type, path);
      case INT64 ->
          node.isIntegralNumber() && node.canConvertToLong() ? node : wrongType(node, type, path);
      case DATE_TIME -> dateTime(node, path);
    };
  }

  private JsonNode dateTime(JsonNode node, JsonPath path) {
    if (!node.isTextual()) {
      return wrongType(node, ScalarType.DATE_TIME, path);
    }
    try {
      OffsetDateTime.parse(node.textValue());
      return node;
    } catch (DateTimeParseException e) {
      problem(
          ArmErrorCode.INVALID_PROPERTY_VALUE,
          path,
          "The property '"
              + path
              + "' must be an RFC 3339 date-time such as 2025-04-01T12:00:00Z.");
      return node;
    }
  }

  private JsonNode enumValue(JsonNode node, EnumType type, JsonPath path) {
    if (!node.isTextual()) {
      return wrongType(node, type, path);
    }
    List<String> allowed = type.wiresIn(version);
    EnumType.Value value = type.lookup(node.textValue()).orElse(null);
    if (value == null) {
      problem(
          ArmErrorCode.INVALID_PROPERTY_VALUE,
          path,
          "The value '"
              + node.textValue()
              + "' of '"
              + path
              + "' is not valid. Allowed values: "
              + String.join(", ", allowed)
              + ".");
      return node;
    }
    if (!version.atLeast(value.since())) {
      problem(
          ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION,
          path,
          "The value '"
              + value.wire()
              + "' of '"
              + path
              + "' is not supported in api-version "
              + version.wire()
              + " (available from api-version "
              + value.since().wire()
              + "). Allowed values: "
              + String.join(", ", allowed)
              + ".");
    }
    return TextNode.valueOf(value.wire());
  }

  private JsonNode wrongType(JsonNode node, SchemaType expected, JsonPath path) {
    problem(
        ArmErrorCode.INVALID_PROPERTY_TYPE,
        path,
        "The property '"
            + path
            + "' must be "
            + article(expected.jsonName())
            + ", not "
            + describe(node)
            + ".");
    return node;
  }

  private void unknownProperty(ObjectType type, String name, JsonPath path) {
    String suggestion =
        type.fields().stream()
            .filter(f -> f.existsIn(version))
            .map(Field::name)
            .filter(known -> Spelling.close(known, name))
            .findFirst()
            .map(known -> " Did you mean '" + known + "'?")
            .orElse("");
    problem(
        ArmErrorCode.UNKNOWN_PROPERTY,
        path,
        "The property '" + path + "' is not a property of " + type.name() + "." + suggestion);
  }

  private void problem(ArmErrorCode code, JsonPath path, String message) {
    problems.add(ErrorDetail.of(code, path.value().isEmpty() ? null : path.value(), message));
  }

  private static String article(String jsonName) {
    return switch (jsonName.charAt(0)) {
      case 'a', 'e', 'i', 'o', 'u' -> "an " + jsonName;
      default -> "a " + jsonName;
    };
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case STRING -> "a string";
      case NUMBER ->
          node.isIntegralNumber()
              ? "an integer too large for int64 or a number"
              : "a number with a fraction";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL -> "null";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
