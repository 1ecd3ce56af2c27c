package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes the Flux objects of the cluster, each kind in the version the cluster stores.
 */
final class FluxObjects {

  static final String KUSTOMIZATION = "Kustomization";
  static final List<String> SOURCE_KINDS = List.of("GitRepository", "Bucket", "OCIRepository");

  private final KubernetesClient client;
  private final Map<String, String> apiVersions;

  FluxObjects(KubernetesClient client) {
    this.client = client;
    this.apiVersions = fluxApiVersions(client);
  }

  /** The apiVersion of {@code kind} on this cluster (e.g. v1beta2 Buckets on an old one). */
  String apiVersion(String kind) {
    String apiVersion = apiVersions.get(kind);
    if (apiVersion == null) {
      throw new IllegalArgumentException("no Flux CRD for kind " + kind);
    }
    return apiVersion;
  }

  MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      of(String kind) {
    return client.genericKubernetesResources(apiVersion(kind), kind);
  }

  /** The object, if its kind is a Flux kind of this cluster and it exists. */
  Optional<GenericKubernetesResource> find(String kind, String namespace, String name) {
    if (kind == null || name == null || !apiVersions.containsKey(kind)) {
      return Optional.empty();
    }
    return Optional.ofNullable(of(kind).inNamespace(namespace).withName(name).get());
  }

  Optional<GenericKubernetesResource> find(FluxKey key) {
    return find(key.kind(), key.namespace(), key.name());
  }

  GenericKubernetesResource apply(GenericKubernetesResource object, String fieldManager) {
    return client.resource(object).fieldManager(fieldManager).forceConflicts().serverSideApply();
  }

  GenericKubernetesResource update(GenericKubernetesResource object) {
    return client.resource(object).update();
  }

  void updateStatus(GenericKubernetesResource object) {
    client.resource(object).updateStatus();
  }

  void delete(String apiVersion, String kind, String namespace, String name) {
    var objects = client.genericKubernetesResources(apiVersion, kind);
    (namespace.isEmpty() ? objects.withName(name) : objects.inNamespace(namespace).withName(name))
        .delete();
  }

  /** Kind → group/storage version of every installed toolkit.fluxcd.io CRD. */
  private static Map<String, String> fluxApiVersions(KubernetesClient client) {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .filter(crd -> crd.getSpec().getGroup().endsWith(".toolkit.fluxcd.io"))
        .collect(
            Collectors.toMap(
                crd -> crd.getSpec().getNames().getKind(),
                crd -> crd.getSpec().getGroup() + "/" + storageVersion(crd)));
  }

  private static String storageVersion(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().stream()
        .filter(version -> Boolean.TRUE.equals(version.getStorage()))
        .map(CustomResourceDefinitionVersion::getName)
        .findFirst()
        .orElseThrow();
  }
}
