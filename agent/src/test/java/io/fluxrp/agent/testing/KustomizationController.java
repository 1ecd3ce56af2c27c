package io.fluxrp.agent.testing;

import static io.fluxrp.agent.testing.Conditions.FALSE;
import static io.fluxrp.agent.testing.Conditions.READY;
import static io.fluxrp.agent.testing.Conditions.TRUE;
import static io.fluxrp.agent.testing.Conditions.UNKNOWN;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.testing.Behaviour.Outcome;
import io.fluxrp.agent.testing.ChildObjects.Rendered;
import io.fluxrp.agent.testing.Conditions.Condition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The fake kustomize-controller: status of Kustomizations, applying and pruning their children. */
final class KustomizationController {

  private static final String RETRYING = "ProgressingWithRetry";

  /** What was last applied for a Kustomization, so an unchanged one is not applied again. */
  private record Applied(String revision, long generation, List<Child> children) {}

  private final FluxObjects objects;
  private final Map<FluxKey, Applied> applied = new ConcurrentHashMap<>();

  KustomizationController(FluxObjects objects) {
    this.objects = objects;
  }

  /** Reconciles {@code kustomization} (applying its children if needed) and returns its status. */
  Map<String, Object> reconcile(
      GenericKubernetesResource kustomization, Behaviour behaviour, String now) {
    Map<String, Object> previous = Conditions.status(kustomization);
    Map<String, Object> status = new LinkedHashMap<>(previous);
    status.remove("conditions");
    long generation = kustomization.getMetadata().getGeneration();
    status.put("observedGeneration", generation);
    List<Condition> conditions = conditions(kustomization, behaviour, status, now);
    status.put("conditions", Conditions.render(conditions, generation, previous, now));
    return status;
  }

  /** Garbage-collects the inventory of a deleted Kustomization that prunes and is not suspended. */
  void finalizeDeletion(GenericKubernetesResource kustomization) {
    if (Boolean.TRUE.equals(kustomization.get("spec", "prune"))
        && !Boolean.TRUE.equals(kustomization.get("spec", "suspend"))) {
      List<Map<String, Object>> entries = inventory(Conditions.status(kustomization));
      Collections.reverse(entries);
      entries.forEach(this::delete);
    }
    applied.remove(FluxKey.of(kustomization));
  }

  private List<Condition> conditions(
      GenericKubernetesResource kustomization,
      Behaviour behaviour,
      Map<String, Object> status,
      String now) {
    String namespace = kustomization.getMetadata().getNamespace();
    String sourceKind = kustomization.get("spec", "sourceRef", "kind");
    String sourceName = kustomization.get("spec", "sourceRef", "name");
    String sourceNamespace =
        Objects.requireNonNullElse(kustomization.get("spec", "sourceRef", "namespace"), namespace);
    Optional<GenericKubernetesResource> source =
        objects.find(sourceKind, sourceNamespace, sourceName);
    if (source.isEmpty()) {
      return waiting(
          "ArtifactFailed",
          "Source '" + sourceKind + "/" + sourceNamespace + "/" + sourceName + "' not found");
    }
    String revision = source.get().get("status", "artifact", "revision");
    if (revision == null) {
      return waiting("ArtifactFailed", "Source artifact not found, retrying in 30s");
    }
    Optional<String> blocking = blockingDependency(kustomization);
    if (blocking.isPresent()) {
      return waiting("DependencyNotReady", "dependency '" + blocking.get() + "' is not ready");
    }
    status.put("lastAttemptedRevision", revision);
    return switch (behaviour.outcome()) {
      case READY, HEALTH_CHECK_FAILED ->
          applyAndCheck(kustomization, behaviour, revision, status, now);
      case BUILD_FAILED ->
          failing(
              "BuildFailed",
              "kustomize build failed: accumulating resources: accumulation err='accumulating"
                  + " resources from 'deployment.yaml': missing metadata.name in object"
                  + " {{apps/v1 Deployment} {{ } map[] map[]}}': must build at directory: not a"
                  + " valid directory: evalsymlink failure on '/tmp/kustomization/deployment.yaml'");
      case STALLED -> {
        String message =
            "failed to create CEL program for health check of Deployment/"
                + namespace
                + "/"
                + kustomization.getMetadata().getName()
                + ": undeclared reference to 'unknown'";
        yield List.of(
            new Condition("Stalled", TRUE, "InvalidCELExpression", message),
            new Condition(READY, FALSE, "InvalidCELExpression", message));
      }
      case PROGRESSING ->
          List.of(
              new Condition("Reconciling", TRUE, "Progressing", "Reconciliation in progress"),
              new Condition(READY, UNKNOWN, "Progressing", "Reconciliation in progress"));
      case AUTHENTICATION_FAILED ->
          List.of(
              new Condition(
                  READY,
                  FALSE,
                  "UnsupportedFakeBehaviour",
                  "FakeFlux: AUTHENTICATION_FAILED applies to sources, not to Kustomizations"));
    };
  }

  private List<Condition> applyAndCheck(
      GenericKubernetesResource kustomization,
      Behaviour behaviour,
      String revision,
      Map<String, Object> status,
      String now) {
    Optional<String> failure =
        applyChildren(kustomization, behaviour.children(), revision, status, now);
    if (failure.isPresent()) {
      return failing("ReconciliationFailed", failure.get());
    }
    if (behaviour.outcome() == Outcome.HEALTH_CHECK_FAILED) {
      String message =
          "health check failed after 5m0.012s: timeout waiting for: [Deployment/"
              + kustomization.getMetadata().getNamespace()
              + "/"
              + kustomization.getMetadata().getName()
              + " status: 'InProgress']";
      return List.of(
          new Condition(READY, FALSE, "HealthCheckFailed", message),
          new Condition("Healthy", FALSE, "HealthCheckFailed", message),
          new Condition("Reconciling", TRUE, RETRYING, message));
    }
    status.put("lastAppliedRevision", revision);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        new Condition(READY, TRUE, "ReconciliationSucceeded", "Applied revision: " + revision));
    if (Boolean.TRUE.equals(kustomization.get("spec", "wait"))) {
      conditions.add(new Condition("Healthy", TRUE, "Succeeded", "Health check passed in 1.004s"));
    }
    return conditions;
  }

  /** Applies the children unless already applied as they are; an error message if one failed. */
  private Optional<String> applyChildren(
      GenericKubernetesResource kustomization,
      List<Child> children,
      String revision,
      Map<String, Object> status,
      String now) {
    FluxKey key = FluxKey.of(kustomization);
    Applied wanted = new Applied(revision, kustomization.getMetadata().getGeneration(), children);
    List<Map<String, Object>> entries = new ArrayList<>();
    boolean apply = !wanted.equals(applied.get(key));
    for (Child child : children) {
      for (Rendered rendered : ChildObjects.render(child, kustomization, now)) {
        if (apply) {
          Optional<String> failure = write(rendered);
          if (failure.isPresent()) {
            return failure;
          }
        }
        if (rendered.inventoried()) {
          entries.add(ChildObjects.inventoryEntry(rendered.object()));
        }
      }
    }
    if (apply && Boolean.TRUE.equals(kustomization.get("spec", "prune"))) {
      inventory(status).stream().filter(entry -> !entries.contains(entry)).forEach(this::delete);
    }
    applied.put(key, wanted);
    status.put("inventory", Map.of("entries", entries));
    return Optional.empty();
  }

  private Optional<String> write(Rendered rendered) {
    GenericKubernetesResource object = rendered.object();
    try {
      GenericKubernetesResource written = objects.apply(object, rendered.manager());
      if (rendered.status() != null) {
        written.setAdditionalProperty(
            "status", rendered.status().apply(written.getMetadata().getGeneration()));
        objects.updateStatus(written);
      }
      return Optional.empty();
    } catch (KubernetesClientException e) {
      String reason = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      return Optional.of(
          object.getKind()
              + "/"
              + object.getMetadata().getNamespace()
              + "/"
              + object.getMetadata().getName()
              + " dry-run failed: "
              + reason);
    }
  }

  private void delete(Map<String, Object> entry) {
    String[] id = ((String) entry.get("id")).split("_", 4);
    String group = id[2];
    String apiVersion = group.isEmpty() ? (String) entry.get("v") : group + "/" + entry.get("v");
    objects.delete(apiVersion, id[3], id[0], id[1]);
    if (id[3].equals("HelmRelease")) {
      // helm-controller deletes the HelmChart it made when its HelmRelease goes
      objects.delete(ChildObjects.SOURCE_API, "HelmChart", id[0], id[0] + "-" + id[1]);
    }
  }

  private Optional<String> blockingDependency(GenericKubernetesResource kustomization) {
    if (!(kustomization.get("spec", "dependsOn") instanceof List<?> dependencies)) {
      return Optional.empty();
    }
    String namespace = kustomization.getMetadata().getNamespace();
    for (Object dependency : dependencies) {
      Map<?, ?> reference = (Map<?, ?>) dependency;
      String name = (String) reference.get("name");
      String dependencyNamespace = reference.get("namespace") instanceof String ns ? ns : namespace;
      boolean ready =
          objects
              .find(FluxObjects.KUSTOMIZATION, dependencyNamespace, name)
              .filter(Conditions::isReady)
              .isPresent();
      if (!ready) {
        return Optional.of(dependencyNamespace + "/" + name);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> inventory(Map<String, Object> status) {
    return status.get("inventory") instanceof Map<?, ?> inventory
            && inventory.get("entries") instanceof List<?> entries
        ? new ArrayList<>((List<Map<String, Object>>) entries)
        : new ArrayList<>();
  }

  private static List<Condition> waiting(String reason, String message) {
    return List.of(new Condition(READY, FALSE, reason, message));
  }

  private static List<Condition> failing(String reason, String message) {
    return List.of(
        new Condition(READY, FALSE, reason, message),
        new Condition("Reconciling", TRUE, RETRYING, message));
  }
}
