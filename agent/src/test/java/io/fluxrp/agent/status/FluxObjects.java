package io.fluxrp.agent.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flux objects as the controllers leave them in the API server: built as maps, then read back from
 * JSON the way the client hands them to the agent (small numbers become {@code Integer}s).
 */
final class FluxObjects {

  static final String NS = "flux-system";
  static final String CONFIG = "cfg";
  static final String TIME = "2026-01-05T10:04:59Z";
  static final String REVISION = "main@sha1:0ba6f0d30760d567de0bac86c8c4eec13ce1a590";
  static final String OLD_REVISION = "main@sha1:5d3c1e7f8a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private FluxObjects() {}

  /** A kstatus condition; {@link #reported()} is how it must appear in {@code statuses[]}. */
  record Condition(String type, String status, String reason, String message) {
    Map<String, Object> asFlux() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("lastTransitionTime", TIME);
      fields.put("message", message);
      fields.put("observedGeneration", 1);
      fields.put("reason", reason);
      fields.put("status", status);
      fields.put("type", type);
      return fields;
    }

    ObjectStatusConditionDefinition reported() {
      return new ObjectStatusConditionDefinition(TIME, message, reason, status, type);
    }
  }

  static Condition ready(String status, String reason, String message) {
    return new Condition("Ready", status, reason, message);
  }

  static Condition reconciling(String reason, String message) {
    return new Condition("Reconciling", "True", reason, message);
  }

  static Condition stalled(String reason, String message) {
    return new Condition("Stalled", "True", reason, message);
  }

  static List<ObjectStatusConditionDefinition> reported(Condition... conditions) {
    return Arrays.stream(conditions).map(Condition::reported).toList();
  }

  static Builder gitRepository(String name) {
    return new Builder("source.toolkit.fluxcd.io/v1", "GitRepository", NS, name);
  }

  static Builder kustomization(String name) {
    return new Builder("kustomize.toolkit.fluxcd.io/v1", "Kustomization", NS, name);
  }

  static Builder helmRelease(String name) {
    return new Builder("helm.toolkit.fluxcd.io/v2", "HelmRelease", NS, name);
  }

  static Builder helmChart(String name) {
    return new Builder("source.toolkit.fluxcd.io/v1", "HelmChart", NS, name);
  }

  static Builder helmRepository(String name) {
    return new Builder("source.toolkit.fluxcd.io/v1", "HelmRepository", NS, name);
  }

  /** The artifact a source-controller stores, as in a source's {@code status.artifact}. */
  static Map<String, Object> artifact(String revision, String lastUpdateTime) {
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put(
        "digest", "sha256:3b1e0f9d2c4a6b8d0e2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b");
    artifact.put("lastUpdateTime", lastUpdateTime);
    artifact.put("path", "gitrepository/flux-system/cfg/0ba6f0d3.tar.gz");
    artifact.put("revision", revision);
    artifact.put("size", 20914);
    artifact.put("url", "http://source-controller.flux-system.svc.cluster.local./gitrepository/x");
    return artifact;
  }

  /** {@code status.inventory} of a Kustomization with the given ids. */
  static Map<String, Object> inventory(String... ids) {
    return Map.of(
        "entries",
        Arrays.stream(ids).map(id -> Map.<String, Object>of("id", id, "v", "v1")).toList());
  }

  static final class Builder {
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Map<String, Object> object = new LinkedHashMap<>();
    private final Map<String, Object> status = new LinkedHashMap<>();

    private Builder(String apiVersion, String kind, String namespace, String name) {
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      metadata.put("name", name);
      metadata.put("namespace", namespace);
      metadata.put("generation", 1);
      object.put("metadata", metadata);
      object.put("spec", Map.of("interval", "600s"));
      status.put("observedGeneration", 1);
      object.put("status", status);
    }

    Builder generation(long generation, long observedGeneration) {
      metadata.put("generation", generation);
      status.put("observedGeneration", observedGeneration);
      return this;
    }

    Builder conditions(Condition... conditions) {
      status.put("conditions", Arrays.stream(conditions).map(Condition::asFlux).toList());
      return this;
    }

    Builder status(String field, Object value) {
      status.put(field, value);
      return this;
    }

    /** Replaces the whole {@code status} (also by something that is not an object). */
    Builder rawStatus(Object value) {
      object.put("status", value);
      return this;
    }

    GenericKubernetesResource build() {
      return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), GenericKubernetesResource.class);
    }
  }
}
