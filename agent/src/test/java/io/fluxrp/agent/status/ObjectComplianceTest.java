package io.fluxrp.agent.status;

import static io.fluxrp.agent.status.FluxObjects.OLD_REVISION;
import static io.fluxrp.agent.status.FluxObjects.REVISION;
import static io.fluxrp.agent.status.FluxObjects.kustomization;
import static io.fluxrp.agent.status.FluxObjects.ready;
import static io.fluxrp.agent.status.FluxObjects.reconciling;
import static io.fluxrp.agent.status.FluxObjects.stalled;
import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.NON_COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The precedence table of {@link ObjectCompliance}, row by row and where rows meet. */
class ObjectComplianceTest {

  private static final String APPLIED = "Applied revision: " + REVISION;
  private static final String RETRY = "ProgressingWithRetry";
  private static final String SOURCE_NOT_FOUND = "Source artifact not found, retrying in 30s";

  static Stream<Arguments> objects() {
    return Stream.of(
        managed("absent", null, REVISION, PENDING),
        child("absent child", null, PENDING),
        managed(
            "ready and current",
            kustomization("cfg-app")
                .status("lastAppliedRevision", REVISION)
                .conditions(ready("True", "ReconciliationSucceeded", APPLIED)),
            REVISION,
            COMPLIANT),
        child(
            "ready, no revision check",
            kustomization("cfg-app").conditions(ready("True", "ReconciliationSucceeded", APPLIED)),
            COMPLIANT),
        managed(
            "stale generation with an old Ready=True",
            kustomization("cfg-app")
                .generation(3, 2)
                .status("lastAppliedRevision", REVISION)
                .conditions(ready("True", "ReconciliationSucceeded", APPLIED)),
            REVISION,
            PENDING),
        managed(
            "stale generation with an old Ready=False",
            kustomization("cfg-app")
                .generation(3, 2)
                .conditions(
                    reconciling(RETRY, "retrying"),
                    ready("False", "BuildFailed", "kustomize build failed: missing path")),
            REVISION,
            PENDING),
        managed(
            "stale generation with an old Stalled=True",
            kustomization("cfg-app")
                .generation(2, 1)
                .conditions(
                    stalled("InvalidCELExpression", "failed to parse the CEL expression"),
                    ready("False", "InvalidCELExpression", "failed to parse the CEL expression")),
            REVISION,
            PENDING),
        child(
            "observedGeneration ahead of generation is not stale",
            kustomization("cfg-app")
                .generation(2, 3)
                .conditions(ready("True", "ReconciliationSucceeded", APPLIED)),
            COMPLIANT),
        managed(
            "stalled",
            kustomization("cfg-app")
                .conditions(
                    stalled("InvalidCELExpression", "failed to parse the CEL expression"),
                    ready("False", "InvalidCELExpression", "failed to parse the CEL expression")),
            REVISION,
            NON_COMPLIANT),
        managed(
            "stalled wins over Ready=True",
            kustomization("cfg-app")
                .status("lastAppliedRevision", REVISION)
                .conditions(
                    ready("True", "ReconciliationSucceeded", APPLIED),
                    stalled("InvalidCELExpression", "failed to parse the CEL expression")),
            REVISION,
            NON_COMPLIANT),
        managed(
            "failing and retrying",
            kustomization("cfg-app")
                .conditions(
                    reconciling(RETRY, "Detecting drift for revision " + REVISION),
                    ready("False", "HealthCheckFailed", "health check failed after 5m0s")),
            REVISION,
            NON_COMPLIANT),
        managed(
            "waiting for a dependency",
            kustomization("cfg-app")
                .conditions(
                    reconciling("Progressing", ""),
                    ready(
                        "False",
                        "DependencyNotReady",
                        "dependency 'flux-system/cfg-infra' is not ready")),
            REVISION,
            PENDING),
        managed(
            "stalled while waiting for a dependency",
            kustomization("cfg-app")
                .conditions(
                    stalled("InvalidCELExpression", "failed to parse the CEL expression"),
                    ready(
                        "False",
                        "DependencyNotReady",
                        "dependency 'flux-system/cfg-infra' is not ready")),
            REVISION,
            NON_COMPLIANT),
        managed(
            "in progress",
            kustomization("cfg-app")
                .conditions(
                    reconciling("Progressing", "Reconciliation in progress"),
                    ready("Unknown", "Progressing", "Reconciliation in progress")),
            REVISION,
            PENDING),
        child(
            "no Ready condition",
            kustomization("cfg-app")
                .conditions(reconciling("Progressing", "Reconciliation in progress")),
            PENDING),
        child("no conditions", kustomization("cfg-app"), PENDING),
        child(
            "Ready with an unexpected status",
            kustomization("cfg-app").conditions(ready("true", "ReconciliationSucceeded", APPLIED)),
            PENDING),
        managed(
            "new reconcile under way after Ready=True",
            kustomization("cfg-app")
                .status("lastAppliedRevision", REVISION)
                .conditions(
                    ready("True", "ReconciliationSucceeded", APPLIED),
                    reconciling("Progressing", "Reconciliation in progress")),
            REVISION,
            PENDING),
        managed(
            "applied an older revision",
            kustomization("cfg-app")
                .status("lastAppliedRevision", OLD_REVISION)
                .conditions(
                    ready("True", "ReconciliationSucceeded", "Applied revision: " + OLD_REVISION)),
            REVISION,
            PENDING),
        managed(
            "applied nothing yet though Ready",
            kustomization("cfg-app").conditions(ready("True", "ReconciliationSucceeded", APPLIED)),
            REVISION,
            PENDING),
        managed(
            "waiting for the source's first artifact",
            kustomization("cfg-app").conditions(ready("False", "ArtifactFailed", SOURCE_NOT_FOUND)),
            null,
            PENDING),
        managed(
            "artifact failure while the source has one",
            kustomization("cfg-app")
                .conditions(ready("False", "ArtifactFailed", "failed to download artifact")),
            REVISION,
            NON_COMPLIANT),
        child(
            "artifact failure of a child",
            kustomization("tenants").conditions(ready("False", "ArtifactFailed", SOURCE_NOT_FOUND)),
            NON_COMPLIANT),
        child(
            "applied an older revision is not checked for children",
            kustomization("tenants")
                .status("lastAppliedRevision", OLD_REVISION)
                .conditions(
                    ready("True", "ReconciliationSucceeded", "Applied revision: " + OLD_REVISION)),
            COMPLIANT),
        managed(
            "failing on a newer revision",
            kustomization("cfg-app")
                .status("lastAppliedRevision", OLD_REVISION)
                .conditions(
                    reconciling(RETRY, "retrying"),
                    ready("False", "BuildFailed", "kustomize build failed: missing path")),
            REVISION,
            NON_COMPLIANT));
  }

  private static Arguments managed(
      String description,
      FluxObjects.Builder object,
      String sourceRevision,
      ComplianceState expected) {
    return Arguments.of(description, build(object), true, sourceRevision, expected);
  }

  private static Arguments child(
      String description, FluxObjects.Builder object, ComplianceState expected) {
    return Arguments.of(description, build(object), false, null, expected);
  }

  private static GenericKubernetesResource build(FluxObjects.Builder object) {
    return object == null ? null : object.build();
  }

  @ParameterizedTest(name = "{0} → {4}")
  @MethodSource("objects")
  void decides(
      String description,
      GenericKubernetesResource object,
      boolean managedKustomization,
      String sourceRevision,
      ComplianceState expected) {
    List<ObjectStatusConditionDefinition> conditions =
        object == null ? List.of() : FluxFields.conditions(object);
    ComplianceState state =
        managedKustomization
            ? ObjectCompliance.ofManagedKustomization(object, conditions, sourceRevision)
            : ObjectCompliance.of(object, conditions);
    assertThat(state).isEqualTo(expected);
  }
}
