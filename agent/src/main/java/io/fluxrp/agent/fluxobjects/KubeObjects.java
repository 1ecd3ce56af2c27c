package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the objects of one configuration with the labels and annotations they must carry. */
final class KubeObjects {
  /** Azure's default for every interval and timeout (flux-mapping §3). */
  static final long DEFAULT_SECONDS = 600;

  private final ConfigurationSpec spec;

  KubeObjects(ConfigurationSpec spec) {
    this.spec = spec;
  }

  /** A namespaced object of this configuration, with the configuration's labels. */
  GenericKubernetesResource owned(String apiVersion, String kind, String name) {
    return owned(apiVersion, kind, name, Map.of());
  }

  GenericKubernetesResource owned(
      String apiVersion, String kind, String name, Map<String, String> extraAnnotations) {
    Map<String, String> annotations = ManagedLabels.configurationAnnotations(spec);
    annotations.putAll(extraAnnotations);
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(spec.namespace())
            .withLabels(ManagedLabels.configurationLabels(spec))
            .withAnnotations(annotations)
            .build();
    return resource(apiVersion, kind, meta);
  }

  /**
   * An object shared by the configurations of the namespace; {@code objectNamespace} is null for
   * cluster-scoped objects.
   */
  GenericKubernetesResource shared(
      String apiVersion,
      String kind,
      String name,
      String objectNamespace,
      Map<String, String> extraLabels) {
    Map<String, String> labels = ManagedLabels.sharedLabels(spec.namespace());
    labels.putAll(extraLabels);
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(objectNamespace)
            .withLabels(labels)
            .build();
    return resource(apiVersion, kind, meta);
  }

  /** An Opaque Secret of this configuration. */
  GenericKubernetesResource secret(
      String name, SecretData data, Map<String, String> extraAnnotations) {
    GenericKubernetesResource secret = owned("v1", "Secret", name, extraAnnotations);
    secret.setAdditionalProperty("type", "Opaque");
    secret.setAdditionalProperty("data", data.toWire());
    return secret;
  }

  static GenericKubernetesResource withSpec(
      GenericKubernetesResource resource, Map<String, Object> spec) {
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  /** {@code {name: <name>}}, the form of every Flux object and Secret reference. */
  static Map<String, Object> nameRef(String name) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", name);
    return ref;
  }

  /** An {@code *InSeconds} value as a duration every Flux duration pattern accepts. */
  static String seconds(Long value) {
    return (value == null ? DEFAULT_SECONDS : value) + "s";
  }

  private static GenericKubernetesResource resource(
      String apiVersion, String kind, ObjectMeta meta) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(meta);
    return resource;
  }
}
