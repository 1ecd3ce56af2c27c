package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge-patch (RFC 7396) of the stored {@code properties}: absent leaves unchanged, {@code
 * null} removes (a {@code null} kustomization deletes it, a {@code null} protected-settings key
 * drops that key), objects merge, everything else replaces. Schema defaults are never applied to
 * the patch itself, so an omitted field cannot reset a stored value. One addition for the Azure
 * CLI: a source block sent as {@code {}} is removed (the CLI sends the other source blocks empty
 * when it switches {@code sourceKind}).
 */
public final class MergePatch {
  private MergePatch() {}

  public static ObjectNode apply(ObjectNode stored, ObjectNode patch) {
    ObjectNode result = (ObjectNode) merge(stored.deepCopy(), patch);
    for (String block : FluxSchema.SOURCE_BLOCKS) {
      JsonNode sent = patch.get(block);
      if (sent != null && sent.isObject() && sent.isEmpty()) {
        result.remove(block);
      }
    }
    return result;
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target instanceof ObjectNode object ? object : ((ObjectNode) patch).objectNode();
    patch
        .fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
              } else {
                JsonNode current = result.get(entry.getKey());
                result.set(entry.getKey(), merge(current, entry.getValue()));
              }
            });
    return result;
  }
}
