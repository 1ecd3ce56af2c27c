package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything one configuration needs, in apply order: Namespace, ServiceAccount, RoleBinding or
 * ClusterRoleBinding, Secrets, the source, the Kustomizations.
 *
 * @param repositoryPublicKey the SSH public line to report as {@code repositoryPublicKey}; null
 *     when the source does not use an SSH key the agent knows
 */
public record DesiredObjects(List<GenericKubernetesResource> objects, String repositoryPublicKey) {
  private static final Set<String> SOURCE_KINDS =
      Set.of(GitSource.KIND, BucketSource.KIND, OciSource.KIND);

  public DesiredObjects {
    objects = List.copyOf(objects);
  }

  /** The GitRepository, Bucket or OCIRepository. */
  public GenericKubernetesResource source() {
    return objects.stream()
        .filter(o -> SOURCE_KINDS.contains(o.getKind()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no source among the desired objects"));
  }

  public List<GenericKubernetesResource> kustomizations() {
    return ofKind(Kustomizations.KIND);
  }

  public List<GenericKubernetesResource> secrets() {
    return ofKind("Secret");
  }

  public List<GenericKubernetesResource> ofKind(String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  public Optional<GenericKubernetesResource> byKindAndName(String kind, String name) {
    return objects.stream()
        .filter(o -> o.getKind().equals(kind) && Objects.equals(o.getMetadata().getName(), name))
        .findFirst();
  }

  /** Kinds and names only: the Secrets' data must not end up in a log. */
  @Override
  public String toString() {
    return "DesiredObjects["
        + objects.stream()
            .map(o -> o.getKind() + "/" + o.getMetadata().getName())
            .collect(Collectors.joining(", "))
        + ", repositoryPublicKey="
        + repositoryPublicKey
        + "]";
  }
}
