package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object in the cluster still holds what the agent would apply: every value the agent
 * sets is there and equal; whatever else the API server or a controller added (defaults, status,
 * finalizers) does not count.
 */
final class Drift {
  private Drift() {}

  static boolean matches(GenericKubernetesResource desired, GenericKubernetesResource actual) {
    if (actual == null) {
      return false;
    }
    return contains(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && contains(actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
        && contains(actual.getAdditionalProperties(), desired.getAdditionalProperties());
  }

  static boolean contains(Object actual, Object desired) {
    if (desired == null) {
      return true;
    }
    if (desired instanceof Map<?, ?> want) {
      if (want.isEmpty()) {
        return true;
      }
      if (!(actual instanceof Map<?, ?> have)) {
        return false;
      }
      return want.entrySet().stream().allMatch(e -> contains(have.get(e.getKey()), e.getValue()));
    }
    if (desired instanceof List<?> want) {
      if (!(actual instanceof List<?> have) || have.size() != want.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!contains(have.get(i), want.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof Number want && actual instanceof Number have) {
      return want.toString().equals(have.toString());
    }
    return Objects.equals(actual, desired);
  }
}
