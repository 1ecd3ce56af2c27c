package io.fluxrp.agent.status;

import static io.fluxrp.agent.status.FluxObjects.CONFIG;
import static io.fluxrp.agent.status.FluxObjects.NS;
import static io.fluxrp.agent.status.FluxObjects.OLD_REVISION;
import static io.fluxrp.agent.status.FluxObjects.REVISION;
import static io.fluxrp.agent.status.FluxObjects.TIME;
import static io.fluxrp.agent.status.FluxObjects.artifact;
import static io.fluxrp.agent.status.FluxObjects.gitRepository;
import static io.fluxrp.agent.status.FluxObjects.kustomization;
import static io.fluxrp.agent.status.FluxObjects.ready;
import static io.fluxrp.agent.status.FluxObjects.reconciling;
import static io.fluxrp.agent.status.FluxObjects.reported;
import static io.fluxrp.agent.status.FluxObjects.stalled;
import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.NON_COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;
import static io.fluxrp.model.fluxconfig.ComplianceState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.status.FluxObjects.Condition;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Whole configurations, the way Flux leaves them in typical situations. */
class StatusMapperTest {

  static final Condition STORED =
      ready("True", "Succeeded", "stored artifact for revision '" + REVISION + "'");
  static final Condition IN_STORAGE =
      new Condition(
          "ArtifactInStorage",
          "True",
          "Succeeded",
          "stored artifact for revision '" + REVISION + "'");
  static final Condition APPLIED =
      ready("True", "ReconciliationSucceeded", "Applied revision: " + REVISION);
  static final Condition RETRYING =
      reconciling("ProgressingWithRetry", "Detecting drift for revision " + REVISION);
  static final Condition AUTH_FAILED =
      ready(
          "False",
          "AuthenticationFailed",
          "failed to checkout and determine revision: unable to clone"
              + " 'ssh://git@github.com/org/repo.git': ssh: handshake failed: ssh: unable to"
              + " authenticate, attempted methods [none publickey], no supported methods remain");
  static final Condition FETCH_FAILED =
      new Condition("FetchFailed", "True", "AuthenticationFailed", AUTH_FAILED.message());
  static final Condition IN_PROGRESS = reconciling("Progressing", "Reconciliation in progress");
  static final Condition UNDECIDED = ready("Unknown", "Progressing", "Reconciliation in progress");

  static GenericKubernetesResource readySource() {
    return gitRepository(CONFIG)
        .status("artifact", artifact(REVISION, TIME))
        .conditions(STORED, IN_STORAGE)
        .build();
  }

  static FluxObjects.Builder applied(String name) {
    return kustomization(name)
        .status("lastAppliedRevision", REVISION)
        .status("lastAttemptedRevision", REVISION)
        .conditions(APPLIED);
  }

  static ObservedConfiguration observed(
      boolean suspend,
      GenericKubernetesResource source,
      List<String> kustomizationNames,
      GenericKubernetesResource... kustomizations) {
    Map<String, GenericKubernetesResource> byName =
        Arrays.stream(kustomizations)
            .collect(Collectors.toMap(k -> k.getMetadata().getName(), Function.identity()));
    return new ObservedConfiguration(
        CONFIG, NS, suspend, "GitRepository", source, kustomizationNames, byName, Map.of());
  }

  static ObjectStatusDefinition source(ComplianceState state, Condition... conditions) {
    return new ObjectStatusDefinition(
        CONFIG, NS, "GitRepository", state, null, reported(conditions), null);
  }

  static ObjectStatusDefinition managedKustomization(
      String name, ComplianceState state, Condition... conditions) {
    return new ObjectStatusDefinition(
        name, NS, "Kustomization", state, null, reported(conditions), null);
  }

  @Test
  void readyConfigurationIsCompliant() {
    ConfigurationStatus status =
        StatusMapper.map(
            observed(false, readySource(), List.of("cfg-app"), applied("cfg-app").build()));

    assertThat(status)
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", COMPLIANT, APPLIED)),
                COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void progressingRightAfterCreation() {
    Condition building = reconciling("Progressing", "building artifact");
    Condition buildingUndecided = ready("Unknown", "Progressing", "building artifact");
    Condition noArtifact =
        ready("False", "ArtifactFailed", "Source artifact not found, retrying in 30s");
    GenericKubernetesResource source =
        gitRepository(CONFIG).conditions(building, buildingUndecided).build();
    GenericKubernetesResource app = kustomization("cfg-app").conditions(noArtifact).build();

    assertThat(StatusMapper.map(observed(false, source, List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(PENDING, building, buildingUndecided),
                    managedKustomization("cfg-app", PENDING, noArtifact)),
                PENDING,
                null,
                null));
  }

  @Test
  void kustomizationInProgress() {
    GenericKubernetesResource app =
        kustomization("cfg-app").conditions(IN_PROGRESS, UNDECIDED).build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", PENDING, IN_PROGRESS, UNDECIDED)),
                PENDING,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void sourceAuthenticationFailureKeepsTheLastArtifact() {
    Condition retrying = reconciling("ProgressingWithRetry", "building artifact");
    GenericKubernetesResource source =
        gitRepository(CONFIG)
            .status("artifact", artifact(REVISION, TIME))
            .conditions(retrying, AUTH_FAILED, FETCH_FAILED, IN_STORAGE)
            .build();

    assertThat(
            StatusMapper.map(
                observed(false, source, List.of("cfg-app"), applied("cfg-app").build())))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(NON_COMPLIANT, retrying, AUTH_FAILED, FETCH_FAILED, IN_STORAGE),
                    managedKustomization("cfg-app", COMPLIANT, APPLIED)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void sourceAuthenticationFailureOnTheFirstFetch() {
    Condition retrying = reconciling("ProgressingWithRetry", "building artifact");
    Condition noArtifact =
        ready("False", "ArtifactFailed", "Source artifact not found, retrying in 30s");
    GenericKubernetesResource source =
        gitRepository(CONFIG).conditions(retrying, AUTH_FAILED, FETCH_FAILED).build();
    GenericKubernetesResource app = kustomization("cfg-app").conditions(noArtifact).build();

    assertThat(StatusMapper.map(observed(false, source, List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(NON_COMPLIANT, retrying, AUTH_FAILED, FETCH_FAILED),
                    managedKustomization("cfg-app", PENDING, noArtifact)),
                NON_COMPLIANT,
                null,
                null));
  }

  @Test
  void buildFailure() {
    Condition buildFailed =
        ready(
            "False",
            "BuildFailed",
            "kustomize build failed: accumulating resources: accumulation err='accumulating"
                + " resources from 'apps': open /tmp/kustomization-1803/apps: no such file or"
                + " directory'");
    GenericKubernetesResource app =
        kustomization("cfg-app")
            .status("lastAttemptedRevision", REVISION)
            .conditions(RETRYING, buildFailed)
            .build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", NON_COMPLIANT, RETRYING, buildFailed)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void healthCheckFailure() {
    String message =
        "health check failed after 5m0s: timeout waiting for: [Deployment/apps/podinfo status:"
            + " 'InProgress']";
    Condition unhealthy = new Condition("Healthy", "False", "HealthCheckFailed", message);
    Condition notReady = ready("False", "HealthCheckFailed", message);
    GenericKubernetesResource app =
        kustomization("cfg-app")
            .status("lastAppliedRevision", REVISION)
            .conditions(RETRYING, notReady, unhealthy)
            .build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", NON_COMPLIANT, RETRYING, notReady, unhealthy)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  static final Condition WAITING_FOR_INFRA =
      ready("False", "DependencyNotReady", "dependency 'flux-system/cfg-infra' is not ready");
  static final Condition PROGRESSING_QUIETLY = reconciling("Progressing", "");

  @Test
  void dependencyStillProgressingIsPending() {
    GenericKubernetesResource infra =
        kustomization("cfg-infra").conditions(IN_PROGRESS, UNDECIDED).build();
    GenericKubernetesResource app =
        kustomization("cfg-app").conditions(PROGRESSING_QUIETLY, WAITING_FOR_INFRA).build();

    assertThat(
            StatusMapper.map(
                observed(false, readySource(), List.of("cfg-infra", "cfg-app"), infra, app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-infra", PENDING, IN_PROGRESS, UNDECIDED),
                    managedKustomization(
                        "cfg-app", PENDING, PROGRESSING_QUIETLY, WAITING_FOR_INFRA)),
                PENDING,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void failedDependencyMakesTheConfigurationNonCompliantThroughItsOwnEntry() {
    Condition infraFailed =
        ready(
            "False",
            "HealthCheckFailed",
            "health check failed after 5m0s: timeout waiting for: []");
    GenericKubernetesResource infra =
        kustomization("cfg-infra").conditions(RETRYING, infraFailed).build();
    GenericKubernetesResource app =
        kustomization("cfg-app").conditions(PROGRESSING_QUIETLY, WAITING_FOR_INFRA).build();

    assertThat(
            StatusMapper.map(
                observed(false, readySource(), List.of("cfg-infra", "cfg-app"), infra, app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-infra", NON_COMPLIANT, RETRYING, infraFailed),
                    managedKustomization(
                        "cfg-app", PENDING, PROGRESSING_QUIETLY, WAITING_FOR_INFRA)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void stalledKustomizationIsNonCompliant() {
    String message = "failed to parse the CEL expression: ERROR: <input>:1:7: undeclared reference";
    Condition stalledCondition = stalled("InvalidCELExpression", message);
    Condition notReady = ready("False", "InvalidCELExpression", message);
    GenericKubernetesResource app =
        kustomization("cfg-app").conditions(stalledCondition, notReady).build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", NON_COMPLIANT, stalledCondition, notReady)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void staleGenerationIsPendingWhateverItsOldReadySays() {
    GenericKubernetesResource app = applied("cfg-app").generation(4, 3).build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", PENDING, APPLIED)),
                PENDING,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void kustomizationThatAppliedAnOlderRevisionIsPending() {
    Condition appliedOld =
        ready("True", "ReconciliationSucceeded", "Applied revision: " + OLD_REVISION);
    GenericKubernetesResource app =
        kustomization("cfg-app")
            .status("lastAppliedRevision", OLD_REVISION)
            .status("lastAttemptedRevision", OLD_REVISION)
            .conditions(appliedOld)
            .build();

    assertThat(StatusMapper.map(observed(false, readySource(), List.of("cfg-app"), app)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", PENDING, appliedOld)),
                PENDING,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void suspendedConfigurationKeepsEachEntrysOwnState() {
    Condition buildFailed = ready("False", "BuildFailed", "kustomize build failed: no such file");
    GenericKubernetesResource broken =
        kustomization("cfg-broken").conditions(RETRYING, buildFailed).build();

    assertThat(
            StatusMapper.map(
                observed(
                    true,
                    readySource(),
                    List.of("cfg-app", "cfg-broken"),
                    applied("cfg-app").build(),
                    broken)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", COMPLIANT, APPLIED),
                    managedKustomization("cfg-broken", NON_COMPLIANT, RETRYING, buildFailed)),
                SUSPENDED,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void suspendedEvenWhenEverythingIsMissing() {
    assertThat(StatusMapper.map(observed(true, null, List.of("cfg-app"))))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(source(PENDING), managedKustomization("cfg-app", PENDING)),
                SUSPENDED,
                null,
                null));
  }

  @Test
  void missingSourceAndKustomizationAreListedAsPendingWithoutConditions() {
    assertThat(
            StatusMapper.map(
                observed(false, null, List.of("cfg-infra", "cfg-app"), applied("cfg-app").build())))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(PENDING),
                    managedKustomization("cfg-infra", PENDING),
                    managedKustomization("cfg-app", COMPLIANT, APPLIED)),
                PENDING,
                null,
                null));
  }

  @Test
  void rollUpIsTheWorstOfAllEntries() {
    GenericKubernetesResource progressing =
        kustomization("cfg-b").conditions(IN_PROGRESS, UNDECIDED).build();
    Condition failed =
        ready("False", "ReconciliationFailed", "Deployment/apps/podinfo dry-run failed");
    GenericKubernetesResource failing = kustomization("cfg-c").conditions(RETRYING, failed).build();
    List<String> names = List.of("cfg-a", "cfg-b", "cfg-c");

    ConfigurationStatus allThree =
        StatusMapper.map(
            observed(false, readySource(), names, applied("cfg-a").build(), progressing, failing));
    ConfigurationStatus withoutFailure =
        StatusMapper.map(
            observed(
                false,
                readySource(),
                names,
                applied("cfg-a").build(),
                progressing,
                applied("cfg-c").build()));
    ConfigurationStatus allGood =
        StatusMapper.map(
            observed(
                false,
                readySource(),
                names,
                applied("cfg-a").build(),
                applied("cfg-b").build(),
                applied("cfg-c").build()));

    assertThat(allThree)
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-a", COMPLIANT, APPLIED),
                    managedKustomization("cfg-b", PENDING, IN_PROGRESS, UNDECIDED),
                    managedKustomization("cfg-c", NON_COMPLIANT, RETRYING, failed)),
                NON_COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
    assertThat(withoutFailure.complianceState()).isEqualTo(PENDING);
    assertThat(allGood.complianceState()).isEqualTo(COMPLIANT);
  }

  @Test
  void sourceFieldsAreTheArtifactsRevisionVerbatimAndItsUpdateTime() {
    record Case(String revision, String lastUpdateTime, Instant expectedTime) {}
    List<Case> cases =
        List.of(
            new Case(REVISION, "2026-01-05T10:04:59Z", Instant.parse("2026-01-05T10:04:59Z")),
            new Case(
                "v1.2.3@sha1:0ba6f0d30760d567de0bac86c8c4eec13ce1a590",
                "2026-01-05T12:04:59+02:00",
                Instant.parse("2026-01-05T10:04:59Z")),
            new Case(
                "latest@sha256:8d5b4e2f0c1a3b5d7e9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b",
                "2026-01-05T10:04:59.123Z",
                Instant.parse("2026-01-05T10:04:59.123Z")),
            new Case(
                "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                "yesterday",
                null),
            new Case("master/0ba6f0d30760d567de0bac86c8c4eec13ce1a590", null, null));

    for (Case c : cases) {
      GenericKubernetesResource source =
          gitRepository(CONFIG)
              .status("artifact", artifact(c.revision(), c.lastUpdateTime()))
              .conditions(STORED)
              .build();
      ConfigurationStatus status = StatusMapper.map(observed(false, source, List.of()));
      assertThat(status)
          .as(c.toString())
          .isEqualTo(
              new ConfigurationStatus(
                  List.of(source(COMPLIANT, STORED)), COMPLIANT, c.revision(), c.expectedTime()));
    }
  }

  @Test
  void bucketAndOciSourcesAreReportedUnderTheirKind() {
    for (String kind : List.of("Bucket", "OCIRepository")) {
      ObservedConfiguration observed =
          new ObservedConfiguration(
              CONFIG, NS, false, kind, readySource(), List.of(), Map.of(), Map.of());
      assertThat(StatusMapper.map(observed).statuses())
          .containsExactly(
              new ObjectStatusDefinition(
                  CONFIG, NS, kind, COMPLIANT, null, reported(STORED, IN_STORAGE), null));
    }
  }
}
