package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kubernetes-style status conditions as Flux writes them. */
final class Conditions {

  static final String READY = "Ready";
  static final String TRUE = "True";
  static final String FALSE = "False";
  static final String UNKNOWN = "Unknown";

  record Condition(String type, String status, String reason, String message) {}

  private Conditions() {}

  /**
   * The conditions as status maps stamped with {@code generation}; a condition whose status did not
   * change keeps its previous {@code lastTransitionTime}, as Kubernetes conventions require.
   */
  static List<Map<String, Object>> render(
      List<Condition> conditions, long generation, Map<String, Object> previousStatus, String now) {
    List<Map<String, Object>> rendered = new ArrayList<>();
    for (Condition condition : conditions) {
      String transition =
          find(previousStatus, condition.type())
              .filter(previous -> condition.status().equals(previous.get("status")))
              .map(previous -> (String) previous.get("lastTransitionTime"))
              .orElse(now);
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lastTransitionTime", transition);
      map.put("message", condition.message());
      map.put("observedGeneration", generation);
      map.put("reason", condition.reason());
      map.put("status", condition.status());
      map.put("type", condition.type());
      rendered.add(map);
    }
    return rendered;
  }

  /** The condition of {@code type} in the object's status. */
  static Optional<Map<String, Object>> find(GenericKubernetesResource object, String type) {
    return find(status(object), type);
  }

  /** Whether the object is Ready=True for its current generation. */
  static boolean isReady(GenericKubernetesResource object) {
    return find(object, READY).filter(c -> TRUE.equals(c.get("status"))).isPresent()
        && isObserved(object);
  }

  /** Whether the status was written for the object's current generation. */
  static boolean isObserved(GenericKubernetesResource object) {
    Object observed = status(object).get("observedGeneration");
    return observed instanceof Number number
        && number.longValue() == object.getMetadata().getGeneration();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource object) {
    Object status = object.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> find(Map<String, Object> status, String type) {
    if (!(status.get("conditions") instanceof List<?> conditions)) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> c instanceof Map<?, ?> map && type.equals(map.get("type")))
        .map(c -> (Map<String, Object>) c)
        .findFirst();
  }
}
