package io.fluxrp.agent.status;

import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.NON_COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The compliance state of one Flux object (flux-mapping.md §7.3 step 3). Flux's conditions follow
 * kstatus ({@code Ready}, {@code Reconciling}, {@code Stalled}). The first row that matches wins:
 *
 * <ol>
 *   <li>object not in the cluster → Pending
 *   <li>{@code status.observedGeneration < metadata.generation} → Pending, whatever the conditions
 *       say: they are the controller's verdict on an older spec (an old Ready=False or Stalled may
 *       be cured by the new spec, an old Ready=True promises nothing about it). Only compared when
 *       both numbers are there, as kstatus does.
 *   <li>{@code Stalled=True} → Non-Compliant: Flux will not retry without a spec change.
 *   <li>{@code Ready=False} with reason {@code DependencyNotReady} → Pending. Flux sets it while it
 *       waits for a {@code dependsOn} target and polls at a fixed interval; the object itself has
 *       not failed. The managed Kustomizations depend only on siblings that are reported too: a
 *       failed sibling is Non-Compliant and drives the roll-up there, a sibling still progressing
 *       means the dependent is simply not reconciled yet, which is what Pending means. Calling it
 *       Non-Compliant would flash every first roll-out of a dependency chain as a failure. The
 *       price: a child waiting forever on something outside the report stays Pending (its reason
 *       and message are in its conditions).
 *   <li>{@code Ready=False} with reason {@code ArtifactFailed} on a managed Kustomization while the
 *       source has no artifact → Pending. kustomize-controller says so ("Source artifact not found,
 *       retrying in 30s") until the source's first fetch lands; the source's own entry tells
 *       whether that fetch is progressing (Pending) or failing (Non-Compliant), so, as with
 *       dependencies, the failure is reported once, where it is.
 *   <li>{@code Ready=False} → Non-Compliant, also with {@code Reconciling=True} (reason {@code
 *       ProgressingWithRetry}): the last attempt failed and the cluster does not match; that Flux
 *       will try again does not change it.
 *   <li>{@code Ready} missing, {@code Unknown} or any other value → Pending (not decided yet, e.g.
 *       reason {@code Progressing} during a reconcile).
 *   <li>{@code Reconciling=True} → Pending: a new reconcile runs, the Ready=True is the last one's.
 *   <li>a managed Kustomization whose {@code status.lastAppliedRevision} (also when absent) differs
 *       from the source's current {@code status.artifact.revision} → Pending: the new revision is
 *       fetched but not applied yet. Skipped while the source has no artifact (the source's own
 *       entry then says why).
 *   <li>otherwise ({@code Ready=True}, current) → Compliant.
 * </ol>
 */
final class ObjectCompliance {

  static final String READY = "Ready";
  static final String RECONCILING = "Reconciling";
  static final String STALLED = "Stalled";
  static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
  static final String ARTIFACT_FAILED = "ArtifactFailed";

  private ObjectCompliance() {}

  /** The state of an object that is not one of the configuration's Kustomizations. */
  static ComplianceState of(
      GenericKubernetesResource object, List<ObjectStatusConditionDefinition> conditions) {
    return decide(object, conditions, false, null);
  }

  /**
   * The state of one of the configuration's Kustomizations.
   *
   * @param sourceRevision the source's {@code status.artifact.revision}, null when it has none
   */
  static ComplianceState ofManagedKustomization(
      GenericKubernetesResource object,
      List<ObjectStatusConditionDefinition> conditions,
      String sourceRevision) {
    return decide(object, conditions, true, sourceRevision);
  }

  private static ComplianceState decide(
      GenericKubernetesResource object,
      List<ObjectStatusConditionDefinition> conditions,
      boolean managedKustomization,
      String sourceRevision) {
    if (object == null || stale(object)) {
      return PENDING;
    }
    if (isTrue(condition(conditions, STALLED))) {
      return NON_COMPLIANT;
    }
    Optional<ObjectStatusConditionDefinition> ready = condition(conditions, READY);
    if (ready.filter(c -> "False".equals(c.status())).isPresent()) {
      String reason = ready.get().reason();
      boolean waitsForSource =
          managedKustomization && sourceRevision == null && ARTIFACT_FAILED.equals(reason);
      return DEPENDENCY_NOT_READY.equals(reason) || waitsForSource ? PENDING : NON_COMPLIANT;
    }
    if (!isTrue(ready) || isTrue(condition(conditions, RECONCILING))) {
      return PENDING;
    }
    if (managedKustomization
        && sourceRevision != null
        && !sourceRevision.equals(
            FluxFields.string(object, "status", "lastAppliedRevision").orElse(null))) {
      return PENDING;
    }
    return COMPLIANT;
  }

  private static boolean stale(GenericKubernetesResource object) {
    Optional<Long> observed = FluxFields.number(object, "status", "observedGeneration");
    Optional<Long> generation = FluxFields.generation(object);
    return observed.isPresent() && generation.isPresent() && observed.get() < generation.get();
  }

  private static Optional<ObjectStatusConditionDefinition> condition(
      List<ObjectStatusConditionDefinition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }

  private static boolean isTrue(Optional<ObjectStatusConditionDefinition> condition) {
    return condition.filter(c -> "True".equals(c.status())).isPresent();
  }
}
