package io.fluxrp.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static GenericKubernetesResource object(
      Map<String, String> labels, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("source.toolkit.fluxcd.io/v1")
        .withKind("GitRepository")
        .withNewMetadata()
        .withName("cfg")
        .withNamespace("ns")
        .withLabels(labels)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  @Test
  void defaultsAndStatusAddedByTheClusterDoNotCount() {
    GenericKubernetesResource desired =
        object(Map.of("fluxrp.io/managed", "true"), Map.of("url", "https://x", "interval", "600s"));
    GenericKubernetesResource actual =
        object(
            Map.of("fluxrp.io/managed", "true", "other", "x"),
            Map.of("url", "https://x", "interval", "600s", "timeout", "60s"));
    actual.getAdditionalProperties().put("status", Map.of("observedGeneration", 1));
    assertThat(Drift.matches(desired, actual)).isTrue();
  }

  @Test
  void aChangedValueAMissingLabelOrAnotherListIsDrift() {
    GenericKubernetesResource desired =
        object(
            Map.of("fluxrp.io/managed", "true"),
            Map.of("url", "https://x", "dependsOn", List.of(Map.of("name", "a"))));
    assertThat(
            Drift.matches(
                desired,
                object(
                    Map.of("fluxrp.io/managed", "true"),
                    Map.of("url", "https://y", "dependsOn", List.of(Map.of("name", "a"))))))
        .isFalse();
    assertThat(
            Drift.matches(
                desired,
                object(
                    Map.of(),
                    Map.of("url", "https://x", "dependsOn", List.of(Map.of("name", "a"))))))
        .isFalse();
    assertThat(
            Drift.matches(
                desired,
                object(
                    Map.of("fluxrp.io/managed", "true"),
                    Map.of(
                        "url",
                        "https://x",
                        "dependsOn",
                        List.of(Map.of("name", "a"), Map.of("name", "b"))))))
        .isFalse();
    assertThat(Drift.matches(desired, null)).isFalse();
  }

  @Test
  void numbersCompareByValue() {
    assertThat(Drift.contains(3L, 3)).isTrue();
    assertThat(Drift.contains(3L, 4)).isFalse();
  }
}
