package io.fluxrp.agent.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads fields of a Flux object as the API server returned it. A field of an unexpected shape (a
 * list where a map belongs, a string where a number belongs...) reads as absent; nothing here
 * throws.
 */
final class FluxFields {

  private FluxFields() {}

  static Object at(GenericKubernetesResource object, String... path) {
    Object current = object.getAdditionalProperties();
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  static Optional<String> string(GenericKubernetesResource object, String... path) {
    return at(object, path) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  static Optional<Long> number(GenericKubernetesResource object, String... path) {
    return asLong(at(object, path));
  }

  static List<?> list(GenericKubernetesResource object, String... path) {
    return at(object, path) instanceof List<?> list ? list : List.of();
  }

  static Optional<Long> asLong(Object value) {
    return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
  }

  static Optional<Long> generation(GenericKubernetesResource object) {
    ObjectMeta metadata = object.getMetadata();
    return Optional.ofNullable(metadata == null ? null : metadata.getGeneration());
  }

  /**
   * {@code status.conditions} in Flux's order; entries that are not objects with a type skipped.
   */
  static List<ObjectStatusConditionDefinition> conditions(GenericKubernetesResource object) {
    List<ObjectStatusConditionDefinition> conditions = new ArrayList<>();
    for (Object entry : list(object, "status", "conditions")) {
      if (entry instanceof Map<?, ?> fields && fields.get("type") instanceof String type) {
        conditions.add(
            new ObjectStatusConditionDefinition(
                text(fields.get("lastTransitionTime")),
                text(fields.get("message")),
                text(fields.get("reason")),
                text(fields.get("status")),
                type));
      }
    }
    return List.copyOf(conditions);
  }

  private static String text(Object value) {
    return value instanceof String string ? string : null;
  }
}
