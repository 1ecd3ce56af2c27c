package io.fluxrp.agent.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent observed in the cluster for one configuration. Objects not (yet) in the cluster
 * are null or absent from the maps.
 *
 * @param sourceKind {@code GitRepository}, {@code Bucket} (also for AzureBlob) or {@code
 *     OCIRepository}
 * @param source the source object, null when not in the cluster
 * @param kustomizationNames the expected Kustomizations, {@code <config>-<key>}, in the
 *     configuration's order
 * @param kustomizations the Kustomizations found, by name
 * @param children the Flux objects the caller could find among those {@link
 *     StatusMapper#childrenOf} and {@link StatusMapper#chartOf} name
 */
public record ObservedConfiguration(
    String configName,
    String namespace,
    boolean suspend,
    String sourceKind,
    GenericKubernetesResource source,
    List<String> kustomizationNames,
    Map<String, GenericKubernetesResource> kustomizations,
    Map<ChildRef, GenericKubernetesResource> children) {

  public ObservedConfiguration {
    Objects.requireNonNull(configName, "configName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(sourceKind, "sourceKind");
    kustomizationNames = kustomizationNames == null ? List.of() : List.copyOf(kustomizationNames);
    kustomizations = kustomizations == null ? Map.of() : Map.copyOf(kustomizations);
    children = children == null ? Map.of() : Map.copyOf(children);
  }
}
