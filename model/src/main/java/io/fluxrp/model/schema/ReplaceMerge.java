package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.version.ApiVersion;

/**
 * What a PUT in one api-version makes of the stored desired state. A PUT replaces everything the
 * client's api-version knows, and keeps:
 *
 * <ul>
 *   <li>properties the client's api-version does not know (an old client must not wipe newer
 *       fields),
 *   <li>write-only values the client omits inside an object it sends ({@code
 *       configurationProtectedSettings} and {@code x-ms-secret} properties are never returned, so a
 *       GET-modify-PUT cannot resend them); an explicit {@code null} clears them,
 *   <li>create-only properties ({@code scope}, {@code namespace}) the client omits: they cannot
 *       change after creation, so leaving them out of an update means "as they are".
 * </ul>
 *
 * Source blocks kept from the stored state survive only while {@code sourceKind} still selects
 * them.
 */
public final class ReplaceMerge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReplaceMerge() {}

  /**
   * @param stored the stored {@code properties} (desired state with secrets), or null on create
   * @param request the cleaned {@code properties} of the PUT body ({@link RequestReader})
   */
  public static ObjectNode apply(ObjectNode stored, ObjectNode request, ApiVersion version) {
    ObjectNode merged = object(FluxSchema.PROPERTIES, stored, request, version);
    dropUnselectedKeptSources(merged, request);
    return merged;
  }

  private static ObjectNode object(
      ObjectType type, ObjectNode stored, ObjectNode request, ApiVersion version) {
    ObjectNode result = NODES.objectNode();
    for (Field field : type.fields()) {
      if (field.readOnly()) {
        continue;
      }
      JsonNode old = stored == null ? null : stored.get(field.name());
      JsonNode sent = request.get(field.name());
      boolean hiddenFromClient = old != null && !field.visibleIn(old, version);
      if (!field.existsIn(version) || (sent == null && hiddenFromClient)) {
        if (old != null) {
          result.set(field.name(), old.deepCopy());
        }
      } else if (sent == null) {
        if ((field.secret() || field.createOnly()) && old != null) {
          result.set(field.name(), old.deepCopy());
        }
      } else if (!sent.isNull()) {
        result.set(field.name(), value(field.type(), old, sent, version));
      }
    }
    return result;
  }

  private static JsonNode value(SchemaType type, JsonNode old, JsonNode sent, ApiVersion version) {
    if (type instanceof ObjectType objectType) {
      return object(objectType, asObject(old), (ObjectNode) sent, version);
    }
    if (type instanceof MapType map && map.values() instanceof ObjectType valueType) {
      ObjectNode result = NODES.objectNode();
      ObjectNode oldMap = asObject(old);
      sent.fields()
          .forEachRemaining(
              entry -> {
                if (!entry.getValue().isNull()) {
                  JsonNode oldValue = oldMap == null ? null : oldMap.get(entry.getKey());
                  result.set(
                      entry.getKey(),
                      object(
                          valueType, asObject(oldValue), (ObjectNode) entry.getValue(), version));
                }
              });
      return result;
    }
    return Canonical.withoutNulls(sent);
  }

  private static void dropUnselectedKeptSources(ObjectNode merged, ObjectNode request) {
    String kind = Canonical.sourceKind(merged);
    for (String block : FluxSchema.SOURCE_BLOCKS) {
      if (!block.equals(Canonical.blockOf(kind)) && !request.has(block)) {
        merged.remove(block);
      }
    }
  }

  private static ObjectNode asObject(JsonNode node) {
    return node instanceof ObjectNode object ? object : null;
  }
}
