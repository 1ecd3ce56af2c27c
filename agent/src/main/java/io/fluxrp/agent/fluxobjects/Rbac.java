package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.ScopeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespace and the identity Kustomizations apply as (flux-mapping §6.1): the {@code
 * flux-applier} ServiceAccount, bound to {@code cluster-admin} cluster-wide for {@code scope:
 * cluster}, or to {@code admin} inside the namespace for {@code scope: namespace}. Shared by the
 * configurations of the namespace.
 */
final class Rbac {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final String RBAC_API = RBAC_GROUP + "/v1";

  private Rbac() {}

  static List<GenericKubernetesResource> build(ConfigurationSpec spec, KubeObjects objects) {
    String ns = spec.namespace();
    GenericKubernetesResource namespace = objects.shared("v1", "Namespace", ns, null, Map.of());
    GenericKubernetesResource serviceAccount =
        objects.shared("v1", "ServiceAccount", FluxNames.APPLIER_SERVICE_ACCOUNT, ns, Map.of());
    return List.of(namespace, serviceAccount, binding(spec, objects));
  }

  private static GenericKubernetesResource binding(ConfigurationSpec spec, KubeObjects objects) {
    String ns = spec.namespace();
    boolean cluster = spec.scope() == ScopeType.CLUSTER;
    Map<String, String> scope = Map.of(ManagedLabels.SCOPE, spec.scope().wire());
    GenericKubernetesResource binding =
        cluster
            ? objects.shared(
                RBAC_API, "ClusterRoleBinding", FluxNames.clusterRoleBinding(ns), null, scope)
            : objects.shared(RBAC_API, "RoleBinding", FluxNames.ROLE_BINDING, ns, scope);
    Map<String, Object> roleRef = new LinkedHashMap<>();
    roleRef.put("apiGroup", RBAC_GROUP);
    roleRef.put("kind", "ClusterRole");
    roleRef.put("name", cluster ? "cluster-admin" : "admin");
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", "ServiceAccount");
    subject.put("name", FluxNames.APPLIER_SERVICE_ACCOUNT);
    subject.put("namespace", ns);
    binding.setAdditionalProperty("roleRef", roleRef);
    binding.setAdditionalProperty("subjects", List.of(subject));
    return binding;
  }
}
