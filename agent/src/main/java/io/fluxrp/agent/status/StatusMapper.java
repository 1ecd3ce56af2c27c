package io.fluxrp.agent.status;

import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.NON_COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;
import static io.fluxrp.model.fluxconfig.ComplianceState.SUSPENDED;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectReferenceDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the live status of a configuration's Flux objects to its report fields (flux-mapping.md §7).
 * Pure; per-object states follow {@link ObjectCompliance}.
 *
 * <p>{@code statuses} lists the source, then the expected Kustomizations in the configuration's
 * order (missing ones as Pending without conditions), then per Kustomization the Flux objects of
 * its inventory that the caller found, each HelmRelease followed by its HelmChart. An object listed
 * twice (e.g. a child also named by a HelmRelease) appears once, where it is met first.
 */
public final class StatusMapper {

  static final String HELM_GROUP = "helm.toolkit.fluxcd.io";
  static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
  static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
  static final String KUSTOMIZATION = "Kustomization";
  static final String HELM_RELEASE = "HelmRelease";
  static final String HELM_CHART = "HelmChart";

  private static final Map<String, Set<String>> REPORTED_CHILD_KINDS =
      Map.of(
          HELM_GROUP, Set.of(HELM_RELEASE),
          SOURCE_GROUP,
              Set.of("HelmRepository", HELM_CHART, "GitRepository", "OCIRepository", "Bucket"),
          KUSTOMIZE_GROUP, Set.of(KUSTOMIZATION));

  private StatusMapper() {}

  /** The report fields for what was observed; pure. */
  public static ConfigurationStatus map(ObservedConfiguration observed) {
    GenericKubernetesResource source = observed.source();
    String sourceRevision =
        source == null
            ? null
            : FluxFields.string(source, "status", "artifact", "revision").orElse(null);
    List<ObjectStatusDefinition> statuses = new ArrayList<>();
    Set<ChildRef> listed = new HashSet<>();
    addManagedObjects(observed, sourceRevision, statuses, listed);
    addChildren(observed, statuses, listed);
    return new ConfigurationStatus(
        statuses,
        rollUp(observed.suspend(), statuses),
        sourceRevision,
        source == null ? null : sourceUpdatedAt(source));
  }

  private static void addManagedObjects(
      ObservedConfiguration observed,
      String sourceRevision,
      List<ObjectStatusDefinition> statuses,
      Set<ChildRef> listed) {
    String namespace = observed.namespace();
    statuses.add(sourceEntry(observed));
    listed.add(new ChildRef(SOURCE_GROUP, observed.sourceKind(), namespace, observed.configName()));
    for (String name : observed.kustomizationNames()) {
      GenericKubernetesResource kustomization = observed.kustomizations().get(name);
      statuses.add(kustomizationEntry(name, namespace, kustomization, sourceRevision));
      listed.add(new ChildRef(KUSTOMIZE_GROUP, KUSTOMIZATION, namespace, name));
    }
  }

  private static void addChildren(
      ObservedConfiguration observed, List<ObjectStatusDefinition> statuses, Set<ChildRef> listed) {
    for (String name : observed.kustomizationNames()) {
      GenericKubernetesResource kustomization = observed.kustomizations().get(name);
      if (kustomization == null) {
        continue;
      }
      ObjectReferenceDefinition appliedBy =
          new ObjectReferenceDefinition(name, observed.namespace());
      for (ChildRef child : childrenWithCharts(kustomization, observed.children())) {
        if (listed.add(child)) {
          statuses.add(childEntry(child, observed.children().get(child), appliedBy));
        }
      }
    }
  }

  /**
   * The children the mapper wants for a Kustomization: its inventory entries of the Flux kinds
   * HelmRelease, HelmRepository, HelmChart, GitRepository, OCIRepository, Bucket and Kustomization
   * (Flux groups only), in inventory order.
   */
  public static List<ChildRef> childrenOf(GenericKubernetesResource kustomization) {
    Set<ChildRef> children = new LinkedHashSet<>();
    for (Object entry : FluxFields.list(kustomization, "status", "inventory", "entries")) {
      if (entry instanceof Map<?, ?> fields && fields.get("id") instanceof String id) {
        ChildRef.fromInventoryId(id)
            .filter(
                ref ->
                    REPORTED_CHILD_KINDS.getOrDefault(ref.group(), Set.of()).contains(ref.kind()))
            .ifPresent(children::add);
      }
    }
    return List.copyOf(children);
  }

  /**
   * A HelmRelease's chart ({@code status.helmChart}, "namespace/name") as a HelmChart reference.
   */
  public static Optional<ChildRef> chartOf(GenericKubernetesResource helmRelease) {
    return FluxFields.string(helmRelease, "status", "helmChart").flatMap(StatusMapper::chartRef);
  }

  private static Optional<ChildRef> chartRef(String namespaceAndName) {
    String[] parts = namespaceAndName.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChildRef(SOURCE_GROUP, HELM_CHART, parts[0], parts[1]));
  }

  /** The found children of a Kustomization, each found HelmRelease followed by its chart. */
  private static List<ChildRef> childrenWithCharts(
      GenericKubernetesResource kustomization, Map<ChildRef, GenericKubernetesResource> found) {
    List<ChildRef> children = new ArrayList<>();
    for (ChildRef child : childrenOf(kustomization)) {
      GenericKubernetesResource object = found.get(child);
      if (object != null) {
        children.add(child);
        if (HELM_RELEASE.equals(child.kind())) {
          chartOf(object).filter(found::containsKey).ifPresent(children::add);
        }
      }
    }
    return children;
  }

  private static ObjectStatusDefinition sourceEntry(ObservedConfiguration observed) {
    GenericKubernetesResource source = observed.source();
    List<ObjectStatusConditionDefinition> conditions = conditionsOf(source);
    return new ObjectStatusDefinition(
        observed.configName(),
        observed.namespace(),
        observed.sourceKind(),
        ObjectCompliance.of(source, conditions),
        null,
        conditions,
        null);
  }

  private static ObjectStatusDefinition kustomizationEntry(
      String name,
      String namespace,
      GenericKubernetesResource kustomization,
      String sourceRevision) {
    List<ObjectStatusConditionDefinition> conditions = conditionsOf(kustomization);
    return new ObjectStatusDefinition(
        name,
        namespace,
        KUSTOMIZATION,
        ObjectCompliance.ofManagedKustomization(kustomization, conditions, sourceRevision),
        null,
        conditions,
        null);
  }

  private static ObjectStatusDefinition childEntry(
      ChildRef child, GenericKubernetesResource object, ObjectReferenceDefinition appliedBy) {
    List<ObjectStatusConditionDefinition> conditions = conditionsOf(object);
    return new ObjectStatusDefinition(
        child.name(),
        child.namespace(),
        child.kind(),
        ObjectCompliance.of(object, conditions),
        appliedBy,
        conditions,
        HELM_RELEASE.equals(child.kind()) ? HelmReleaseProperties.of(object) : null);
  }

  private static List<ObjectStatusConditionDefinition> conditionsOf(
      GenericKubernetesResource object) {
    return object == null ? List.of() : FluxFields.conditions(object);
  }

  private static ComplianceState rollUp(boolean suspend, List<ObjectStatusDefinition> statuses) {
    if (suspend) {
      return SUSPENDED;
    }
    List<ComplianceState> states =
        statuses.stream().map(ObjectStatusDefinition::complianceState).toList();
    if (states.contains(NON_COMPLIANT)) {
      return NON_COMPLIANT;
    }
    return states.contains(PENDING) ? PENDING : COMPLIANT;
  }

  private static Instant sourceUpdatedAt(GenericKubernetesResource source) {
    return FluxFields.string(source, "status", "artifact", "lastUpdateTime")
        .flatMap(StatusMapper::parseTime)
        .orElse(null);
  }

  private static Optional<Instant> parseTime(String rfc3339) {
    try {
      return Optional.of(OffsetDateTime.parse(rfc3339).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
