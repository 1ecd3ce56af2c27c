package io.fluxrp.agent.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds the agent reads or writes, with their REST names, so no API discovery is needed.
 *
 * @param group API group ("" for the core group)
 */
public record KubeKind(String group, String kind, String plural, boolean namespaced) {

  public static final KubeKind NAMESPACE = new KubeKind("", "Namespace", "namespaces", false);
  public static final KubeKind SECRET = new KubeKind("", "Secret", "secrets", true);
  public static final KubeKind CONFIG_MAP = new KubeKind("", "ConfigMap", "configmaps", true);
  public static final KubeKind SERVICE_ACCOUNT =
      new KubeKind("", "ServiceAccount", "serviceaccounts", true);
  public static final KubeKind ROLE_BINDING =
      new KubeKind("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true);
  public static final KubeKind CLUSTER_ROLE_BINDING =
      new KubeKind("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false);
  public static final KubeKind GIT_REPOSITORY =
      new KubeKind("source.toolkit.fluxcd.io", "GitRepository", "gitrepositories", true);
  public static final KubeKind BUCKET =
      new KubeKind("source.toolkit.fluxcd.io", "Bucket", "buckets", true);
  public static final KubeKind OCI_REPOSITORY =
      new KubeKind("source.toolkit.fluxcd.io", "OCIRepository", "ocirepositories", true);
  public static final KubeKind HELM_REPOSITORY =
      new KubeKind("source.toolkit.fluxcd.io", "HelmRepository", "helmrepositories", true);
  public static final KubeKind HELM_CHART =
      new KubeKind("source.toolkit.fluxcd.io", "HelmChart", "helmcharts", true);
  public static final KubeKind KUSTOMIZATION =
      new KubeKind("kustomize.toolkit.fluxcd.io", "Kustomization", "kustomizations", true);
  public static final KubeKind HELM_RELEASE =
      new KubeKind("helm.toolkit.fluxcd.io", "HelmRelease", "helmreleases", true);

  /** The sources a configuration can have. */
  public static final List<KubeKind> SOURCES = List.of(GIT_REPOSITORY, BUCKET, OCI_REPOSITORY);

  private static final Map<String, KubeKind> BY_GROUP_KIND =
      List.of(
              NAMESPACE,
              SECRET,
              CONFIG_MAP,
              SERVICE_ACCOUNT,
              ROLE_BINDING,
              CLUSTER_ROLE_BINDING,
              GIT_REPOSITORY,
              BUCKET,
              OCI_REPOSITORY,
              HELM_REPOSITORY,
              HELM_CHART,
              KUSTOMIZATION,
              HELM_RELEASE)
          .stream()
          .collect(Collectors.toMap(k -> k.group + "/" + k.kind, Function.identity()));

  public static Optional<KubeKind> of(String group, String kind) {
    return Optional.ofNullable(BY_GROUP_KIND.get(group + "/" + kind));
  }

  /** The kind of an object from its apiVersion and kind. */
  public static KubeKind of(GenericKubernetesResource object) {
    String group = groupOf(object.getApiVersion());
    return of(group, object.getKind())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the agent does not handle "
                        + object.getApiVersion()
                        + " "
                        + object.getKind()));
  }

  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  public String apiVersion(String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public ResourceDefinitionContext context(String version) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  /** {@code kind namespace/name} (or {@code kind name}), as reports name objects. */
  public static String describe(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    return object.getKind() + " " + (namespace == null ? name : namespace + "/" + name);
  }

  public String crdName() {
    return plural + "." + group.toLowerCase(Locale.ROOT);
  }
}
