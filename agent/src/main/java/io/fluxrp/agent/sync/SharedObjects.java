package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.fluxobjects.ManagedLabels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects several configurations share — the namespace, the {@code flux-applier} service
 * account and its binding — as this agent last wrote them. Every configuration of a namespace
 * desires them, so without this memory each configuration would write them again; a forced resync
 * writes them regardless (repairing changes made by others).
 */
final class SharedObjects {
  private final Map<String, GenericKubernetesResource> written = new ConcurrentHashMap<>();

  static boolean isShared(GenericKubernetesResource object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null || !labels.containsKey(ManagedLabels.CONFIGURATION);
  }

  boolean writtenAlready(GenericKubernetesResource object) {
    return object.equals(written.get(Reconciler.key(object)));
  }

  void written(GenericKubernetesResource object) {
    written.put(Reconciler.key(object), object);
  }

  void deleted(String kind, String namespace, String name) {
    written.remove(kind + "/" + namespace + "/" + name);
  }
}
