package io.fluxrp.agent.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fluxrp.agent.fluxobjects.FluxApis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent learns about its cluster at start: the Flux API versions served, which optional
 * Flux kinds exist (helm-controller's), and the Flux and Kubernetes versions for the heartbeat.
 *
 * @param servedVersions kind → versions its CRD serves (kinds without a CRD are absent)
 * @param fluxVersion from the {@code app.kubernetes.io/version} label Flux puts on its CRDs
 */
public record ClusterFacts(
    FluxApis apis,
    Map<String, List<String>> servedVersions,
    String fluxVersion,
    String kubernetesVersion) {

  private static final List<KubeKind> FLUX_KINDS =
      List.of(
          KubeKind.GIT_REPOSITORY,
          KubeKind.BUCKET,
          KubeKind.OCI_REPOSITORY,
          KubeKind.KUSTOMIZATION,
          KubeKind.HELM_RELEASE,
          KubeKind.HELM_REPOSITORY,
          KubeKind.HELM_CHART);

  public static ClusterFacts read(KubeApi kube) {
    Map<String, List<String>> served = new HashMap<>();
    String fluxVersion = null;
    for (KubeKind kind : FLUX_KINDS) {
      CustomResourceDefinition crd =
          kube.client()
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(kind.crdName())
              .get();
      if (crd == null) {
        continue;
      }
      served.put(
          kind.kind(),
          crd.getSpec().getVersions().stream()
              .filter(CustomResourceDefinitionVersion::getServed)
              .map(CustomResourceDefinitionVersion::getName)
              .toList());
      if (fluxVersion == null && crd.getMetadata().getLabels() != null) {
        fluxVersion = crd.getMetadata().getLabels().get("app.kubernetes.io/version");
      }
    }
    return new ClusterFacts(
        FluxApis.fromServedVersions(served),
        Map.copyOf(served),
        fluxVersion,
        kubernetesVersion(kube));
  }

  /** The version to read {@code kind} with, when the cluster serves it at all. */
  public Optional<String> readVersion(KubeKind kind) {
    List<String> versions = servedVersions.get(kind.kind());
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    if (versions.contains("v2")) {
      return Optional.of("v2");
    }
    return Optional.of(versions.contains("v1") ? "v1" : versions.get(0));
  }

  private static String kubernetesVersion(KubeApi kube) {
    try {
      VersionInfo info = kube.client().getKubernetesVersion();
      return info == null ? null : info.getGitVersion();
    } catch (KubernetesClientException e) {
      return null;
    }
  }
}
