package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * A Flux source with the Secrets it references.
 *
 * @param refKind the Kustomization {@code sourceRef.kind}
 * @param publicKey the SSH public line to report, null without SSH
 */
record BuiltSource(
    GenericKubernetesResource source,
    String refKind,
    List<GenericKubernetesResource> secrets,
    String publicKey) {
  /** Kinds and names only: the Secrets' data must not end up in a log. */
  @Override
  public String toString() {
    return "BuiltSource["
        + source.getKind()
        + "/"
        + source.getMetadata().getName()
        + ", secrets="
        + secrets.stream().map(s -> s.getMetadata().getName()).toList()
        + "]";
  }
}
