package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static io.fluxrp.agent.fluxobjects.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

class ScopeAndSuspendTest {
  private static DesiredObjects configuration(String scope, boolean suspend) {
    return build(
        spec(
            "cfg",
            """
            {"scope": "%s", "namespace": "tenant-1", "suspend": %s,
             "gitRepository": {"url": "https://github.com/o/r"},
             "kustomizations": {"a": {}, "b": {}}}
            """
                .formatted(scope, suspend)));
  }

  @Test
  void clusterScopeBindsTheApplierToClusterAdminClusterWide() {
    DesiredObjects desired = configuration("cluster", false);

    assertThat(desired.objects())
        .extracting(GenericKubernetesResource::getKind)
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "ClusterRoleBinding",
            "GitRepository",
            "Kustomization",
            "Kustomization");
    assertThat(tree(desired.ofKind("ClusterRoleBinding").get(0)))
        .isEqualTo(
            json(
                """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                 "metadata": {"name": "tenant-1-flux-applier",
                   "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "tenant-1",
                     "fluxrp.io/scope": "cluster"}},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                   "name": "cluster-admin"},
                 "subjects": [{"kind": "ServiceAccount", "name": "flux-applier",
                   "namespace": "tenant-1"}]}
                """));
    assertThat(desired.ofKind("RoleBinding")).isEmpty();
  }

  @Test
  void namespaceScopeBindsTheApplierToAdminInTheNamespace() {
    DesiredObjects desired = configuration("namespace", false);

    assertThat(tree(desired.ofKind("RoleBinding").get(0)))
        .isEqualTo(
            json(
                """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                 "metadata": {"name": "flux-applier", "namespace": "tenant-1",
                   "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "tenant-1",
                     "fluxrp.io/scope": "namespace"}},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                   "name": "admin"},
                 "subjects": [{"kind": "ServiceAccount", "name": "flux-applier",
                   "namespace": "tenant-1"}]}
                """));
    assertThat(desired.ofKind("ClusterRoleBinding")).isEmpty();
  }

  @Test
  void everyKustomizationAppliesAsTheApplierInBothScopes() {
    for (String scope : new String[] {"cluster", "namespace"}) {
      assertThat(configuration(scope, false).kustomizations())
          .allSatisfy(
              k ->
                  assertThat(specOf(k).get("serviceAccountName").asText())
                      .isEqualTo("flux-applier"));
    }
  }

  @Test
  void absentScopeAndNamespaceMeanClusterAndDefault() {
    DesiredObjects desired =
        build(spec("cfg", "{\"gitRepository\": {\"url\": \"https://github.com/o/r\"}}"));

    assertThat(desired.byKindAndName("ClusterRoleBinding", "default-flux-applier")).isPresent();
    assertThat(desired.source().getMetadata().getNamespace()).isEqualTo("default");
  }

  @Test
  void suspendIsSetOnTheSourceAndEveryKustomization() {
    DesiredObjects suspended = configuration("cluster", true);
    DesiredObjects running = configuration("cluster", false);

    assertThat(specOf(suspended.source()).get("suspend").asBoolean()).isTrue();
    assertThat(suspended.kustomizations())
        .hasSize(2)
        .allSatisfy(k -> assertThat(specOf(k).get("suspend").asBoolean()).isTrue());
    assertThat(specOf(running.source()).get("suspend").asBoolean()).isFalse();
    assertThat(running.kustomizations())
        .allSatisfy(k -> assertThat(specOf(k).get("suspend").asBoolean()).isFalse());
  }
}
