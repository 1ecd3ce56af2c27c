package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.feed.DesiredStates;
import io.fluxrp.agent.feed.Reporter;
import io.fluxrp.agent.fluxobjects.FluxNames;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.ConfigurationReport.ApplyFailure;
import io.fluxrp.model.agentapi.ConfigurationReport.Outcome;
import io.fluxrp.model.agentapi.DesiredEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes a configuration's objects in the order of flux-mapping §6.4: Kustomizations first (a
 * pruning Kustomization is resumed so Flux's finalizer garbage-collects what it applied) and wait
 * until Flux's finalizers let them go; then the source; then our Secrets; then the shared {@code
 * flux-applier} RBAC when no other configuration of the namespace needs it; then the report {@code
 * Deleted}. Each waiting step is time-boxed; when it runs out the report names the object that
 * blocks.
 */
final class Deletion {
  static final Duration RECHECK = Duration.ofSeconds(1);

  private final KubeApi kube;
  private final FluxCaches caches;
  private final DesiredStates desired;
  private final Reporter reporter;
  private final Clock clock;
  private final Duration stepTimeout;
  private final SharedObjects sharedObjects;
  private final Map<String, Step> waiting = new ConcurrentHashMap<>();

  private record Step(String what, Instant since) {}

  Deletion(
      KubeApi kube,
      FluxCaches caches,
      DesiredStates desired,
      Reporter reporter,
      Clock clock,
      Duration stepTimeout,
      SharedObjects sharedObjects) {
    this.kube = kube;
    this.caches = caches;
    this.desired = desired;
    this.reporter = reporter;
    this.clock = clock;
    this.stepTimeout = stepTimeout;
    this.sharedObjects = sharedObjects;
  }

  ReconcileResult step(DesiredEntry entry) {
    String name = entry.name();
    List<GenericKubernetesResource> kustomizations = caches.ownedBy(KubeKind.KUSTOMIZATION, name);
    if (!kustomizations.isEmpty()) {
      kustomizations.forEach(this::deleteKustomization);
      return waitFor(entry, "kustomizations", kustomizations.get(0));
    }
    List<GenericKubernetesResource> sources =
        KubeKind.SOURCES.stream().flatMap(k -> caches.ownedBy(k, name).stream()).toList();
    if (!sources.isEmpty()) {
      sources.forEach(this::delete);
      return waitFor(entry, "source", sources.get(0));
    }
    caches.ownedBy(KubeKind.SECRET, name).forEach(this::delete);
    releaseSharedRbac(entry);
    waiting.remove(name);
    reporter.offer(
        new ConfigurationReport(
            name, entry.generation(), Outcome.DELETED, null, List.of(), null, null, null, null));
    return ReconcileResult.DONE;
  }

  private void deleteKustomization(GenericKubernetesResource kustomization) {
    if (kustomization.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    if (suspended(kustomization) && prunes(kustomization)) {
      resume(kustomization);
    }
    delete(kustomization);
  }

  private ReconcileResult waitFor(
      DesiredEntry entry, String what, GenericKubernetesResource blocker) {
    Instant now = clock.instant();
    Step step =
        waiting.compute(
            entry.name(), (k, s) -> s == null || !s.what.equals(what) ? new Step(what, now) : s);
    Duration waited = Duration.between(step.since, now);
    if (waited.compareTo(stepTimeout) < 0) {
      return ReconcileResult.retryAfter(RECHECK);
    }
    waiting.remove(entry.name());
    reporter.offer(
        new ConfigurationReport(
            entry.name(),
            entry.generation(),
            Outcome.APPLY_FAILED,
            new ApplyFailure(
                KubeKind.describe(blocker),
                "DeletionTimedOut",
                "still present "
                    + waited.toSeconds()
                    + " s after its deletion was requested; finalizers: "
                    + blocker.getMetadata().getFinalizers()),
            List.of(),
            null,
            null,
            null,
            null));
    return ReconcileResult.DONE;
  }

  /**
   * Drops {@code flux-applier} and its bindings unless another configuration of the namespace needs
   * them.
   */
  private void releaseSharedRbac(DesiredEntry entry) {
    String namespace = entry.properties().path("namespace").asText("default");
    String scope = entry.properties().path("scope").asText("cluster");
    Map<String, Integer> scopesInUse = new HashMap<>();
    for (String other : desired.names()) {
      if (other.equals(entry.name())) {
        continue;
      }
      desired
          .get(other)
          .filter(e -> !e.deleted())
          .map(DesiredEntry::properties)
          .filter(p -> namespace.equals(p.path("namespace").asText("default")))
          .map(p -> p.path("scope").asText("cluster"))
          .ifPresent(s -> scopesInUse.merge(s, 1, Integer::sum));
    }
    if (!scopesInUse.containsKey(scope)) {
      if ("namespace".equals(scope)) {
        deleteShared(KubeKind.ROLE_BINDING, namespace, FluxNames.ROLE_BINDING);
      } else {
        deleteShared(KubeKind.CLUSTER_ROLE_BINDING, null, FluxNames.clusterRoleBinding(namespace));
      }
    }
    if (scopesInUse.isEmpty()) {
      deleteShared(KubeKind.SERVICE_ACCOUNT, namespace, FluxNames.APPLIER_SERVICE_ACCOUNT);
    }
  }

  private void deleteShared(KubeKind kind, String namespace, String name) {
    sharedObjects.deleted(kind.kind(), namespace, name);
    try {
      kube.delete(kind, "v1", namespace, name);
    } catch (KubernetesClientException e) {
      throw new ApplyError(
          kind.kind() + " " + (namespace == null ? name : namespace + "/" + name), e);
    }
  }

  private void delete(GenericKubernetesResource object) {
    try {
      kube.delete(object);
    } catch (KubernetesClientException e) {
      throw new ApplyError(object, e);
    }
  }

  private void resume(GenericKubernetesResource kustomization) {
    GenericKubernetesResource copy =
        kube.client().getKubernetesSerialization().clone(kustomization);
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) copy.getAdditionalProperties().get("spec");
      spec.put("suspend", false);
      kube.update(copy);
    } catch (KubernetesClientException e) {
      throw new ApplyError(kustomization, e);
    }
  }

  private static boolean suspended(GenericKubernetesResource kustomization) {
    return Boolean.TRUE.equals(spec(kustomization).get("suspend"));
  }

  private static boolean prunes(GenericKubernetesResource kustomization) {
    return Boolean.TRUE.equals(spec(kustomization).get("prune"));
  }

  private static Map<?, ?> spec(GenericKubernetesResource object) {
    return object.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
  }

  void forget(String name) {
    waiting.remove(name);
  }
}
