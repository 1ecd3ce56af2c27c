package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Identifies a Flux object the fake controllers reconcile. */
record FluxKey(String kind, String namespace, String name) {

  static FluxKey of(GenericKubernetesResource object) {
    return new FluxKey(
        object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
  }
}
