package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.fluxobjects.FluxNames;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.status.ChildRef;
import io.fluxrp.agent.status.ConfigurationStatus;
import io.fluxrp.agent.status.ObservedConfiguration;
import io.fluxrp.agent.status.StatusMapper;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.SourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers one configuration's Flux objects — from the informers' caches, children the caches do not
 * hold through the API — and maps them with {@link StatusMapper}.
 */
final class StatusCollector {
  private final FluxCaches caches;
  private final KubeApi kube;
  private final ClusterFacts facts;

  StatusCollector(FluxCaches caches, KubeApi kube, ClusterFacts facts) {
    this.caches = caches;
    this.kube = kube;
    this.facts = facts;
  }

  ConfigurationStatus collect(String config, FluxConfigurationProperties properties) {
    String namespace = properties.namespace();
    KubeKind sourceKind = sourceKind(properties.sourceKind());
    List<String> names = new ArrayList<>();
    Map<String, GenericKubernetesResource> kustomizations = new LinkedHashMap<>();
    Map<ChildRef, GenericKubernetesResource> children = new LinkedHashMap<>();
    if (properties.kustomizations() != null) {
      for (String key : properties.kustomizations().keySet()) {
        String name = FluxNames.kustomization(config, key);
        names.add(name);
        caches
            .get(KubeKind.KUSTOMIZATION, namespace, name)
            .ifPresent(
                k -> {
                  kustomizations.put(name, k);
                  collectChildren(k, children);
                });
      }
    }
    return StatusMapper.map(
        new ObservedConfiguration(
            config,
            namespace,
            Boolean.TRUE.equals(properties.suspend()),
            sourceKind.kind(),
            caches.get(sourceKind, namespace, FluxNames.source(config)).orElse(null),
            names,
            kustomizations,
            children));
  }

  static KubeKind sourceKind(SourceKind kind) {
    if (kind == null) {
      return KubeKind.GIT_REPOSITORY;
    }
    return switch (kind) {
      case GIT_REPOSITORY -> KubeKind.GIT_REPOSITORY;
      case BUCKET, AZURE_BLOB -> KubeKind.BUCKET;
      case OCI_REPOSITORY -> KubeKind.OCI_REPOSITORY;
    };
  }

  private void collectChildren(
      GenericKubernetesResource kustomization, Map<ChildRef, GenericKubernetesResource> into) {
    for (ChildRef ref : StatusMapper.childrenOf(kustomization)) {
      find(ref)
          .ifPresent(
              child -> {
                into.put(ref, child);
                StatusMapper.chartOf(child)
                    .ifPresent(chart -> find(chart).ifPresent(c -> into.put(chart, c)));
              });
    }
  }

  private Optional<GenericKubernetesResource> find(ChildRef ref) {
    Optional<KubeKind> kind = KubeKind.of(ref.group(), ref.kind());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (caches.holdsAll(kind.get())) {
      return caches.get(kind.get(), ref.namespace(), ref.name());
    }
    Optional<String> version = facts.readVersion(kind.get());
    if (version.isEmpty()) {
      return Optional.empty();
    }
    try {
      return kube.get(kind.get(), version.get(), ref.namespace(), ref.name());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
