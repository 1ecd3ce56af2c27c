package io.fluxrp.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The two patch semantics the stock CRUD mock gets wrong, as pure functions on JSON trees. */
final class ApplyPatches {

  /** Top-level fields that belong to the server or to another writer, never to the applied body. */
  private static final Set<String> KEPT_FIELDS = Set.of("metadata", "status");

  private static final List<String> APPLIED_METADATA = List.of("labels", "annotations");

  private ApplyPatches() {}

  /**
   * Server-side apply as seen by its only field manager: every top-level field of {@code applied}
   * (spec, data, type, subjects, roleRef, ...) replaces the current one and fields it no longer
   * sets are removed, as are labels and annotations it no longer sets; status, finalizers,
   * deletionTimestamp, uid, creationTimestamp and generation stay as they are.
   */
  static ObjectNode serverSideApply(JsonNode current, JsonNode applied) {
    ObjectNode result = ((ObjectNode) current).deepCopy();
    result.retain(KEPT_FIELDS);
    applied
        .properties()
        .forEach(
            field -> {
              if (!KEPT_FIELDS.contains(field.getKey())) {
                result.set(field.getKey(), field.getValue().deepCopy());
              }
            });
    ObjectNode metadata = result.withObjectProperty("metadata");
    JsonNode appliedMetadata = applied.path("metadata");
    for (String field : APPLIED_METADATA) {
      if (appliedMetadata.has(field)) {
        metadata.set(field, appliedMetadata.get(field).deepCopy());
      } else {
        metadata.remove(field);
      }
    }
    if (appliedMetadata.has("ownerReferences")) {
      metadata.set("ownerReferences", appliedMetadata.get("ownerReferences").deepCopy());
    }
    addFinalizers(metadata, appliedMetadata.path("finalizers"));
    if (appliedMetadata.hasNonNull("resourceVersion")) {
      // an apply that names a resourceVersion asks for an optimistic-concurrency check
      metadata.set("resourceVersion", appliedMetadata.get("resourceVersion"));
    }
    return result;
  }

  /** Server-side apply to the status subresource: only the status changes. */
  static ObjectNode serverSideApplyStatus(JsonNode current, JsonNode applied) {
    ObjectNode result = ((ObjectNode) current).deepCopy();
    result.set("status", applied.path("status").deepCopy());
    return result;
  }

  /**
   * JSON merge patch (RFC 7386): objects merge, null removes, anything else (lists too) replaces.
   */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private static void addFinalizers(ObjectNode metadata, JsonNode applied) {
    if (!applied.isArray() || applied.isEmpty()) {
      return;
    }
    ArrayNode finalizers = metadata.withArrayProperty("finalizers");
    for (JsonNode finalizer : applied) {
      if (!contains(finalizers, finalizer)) {
        finalizers.add(finalizer);
      }
    }
  }

  private static boolean contains(ArrayNode array, JsonNode value) {
    for (JsonNode element : array) {
      if (element.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
