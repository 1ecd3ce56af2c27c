package io.fluxrp.agent.status;

import static io.fluxrp.agent.status.FluxObjects.CONFIG;
import static io.fluxrp.agent.status.FluxObjects.NS;
import static io.fluxrp.agent.status.FluxObjects.REVISION;
import static io.fluxrp.agent.status.FluxObjects.TIME;
import static io.fluxrp.agent.status.FluxObjects.helmChart;
import static io.fluxrp.agent.status.FluxObjects.helmRelease;
import static io.fluxrp.agent.status.FluxObjects.helmRepository;
import static io.fluxrp.agent.status.FluxObjects.inventory;
import static io.fluxrp.agent.status.FluxObjects.kustomization;
import static io.fluxrp.agent.status.FluxObjects.ready;
import static io.fluxrp.agent.status.FluxObjects.reconciling;
import static io.fluxrp.agent.status.FluxObjects.reported;
import static io.fluxrp.agent.status.StatusMapperTest.APPLIED;
import static io.fluxrp.agent.status.StatusMapperTest.IN_STORAGE;
import static io.fluxrp.agent.status.StatusMapperTest.STORED;
import static io.fluxrp.agent.status.StatusMapperTest.managedKustomization;
import static io.fluxrp.agent.status.StatusMapperTest.readySource;
import static io.fluxrp.agent.status.StatusMapperTest.source;
import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.NON_COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.status.FluxObjects.Condition;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.HelmReleasePropertiesDefinition;
import io.fluxrp.model.fluxconfig.ObjectReferenceDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flux objects applied by the configuration's Kustomizations. */
class StatusMapperChildrenTest {

  static final String HELM_RELEASE_ID = "flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease";
  static final String HELM_REPOSITORY_ID =
      "flux-system_podinfo_source.toolkit.fluxcd.io_HelmRepository";
  static final String TENANTS_ID = "flux-system_tenants_kustomize.toolkit.fluxcd.io_Kustomization";

  static final ChildRef HELM_RELEASE =
      new ChildRef("helm.toolkit.fluxcd.io", "HelmRelease", NS, "podinfo");
  static final ChildRef HELM_REPOSITORY =
      new ChildRef("source.toolkit.fluxcd.io", "HelmRepository", NS, "podinfo");
  static final ChildRef HELM_CHART =
      new ChildRef("source.toolkit.fluxcd.io", "HelmChart", NS, "flux-system-podinfo");
  static final ChildRef TENANTS =
      new ChildRef("kustomize.toolkit.fluxcd.io", "Kustomization", NS, "tenants");

  static final Condition REPOSITORY_STORED =
      ready(
          "True",
          "Succeeded",
          "stored artifact: revision"
              + " 'sha256:9f3b2e6d1c0a8f7e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e'");
  static final Condition CHART_PULLED =
      ready("True", "ChartPullSucceeded", "pulled 'podinfo' chart with version '6.7.1'");
  static final Condition UPGRADED =
      ready(
          "True",
          "UpgradeSucceeded",
          "Helm upgrade succeeded for release apps/podinfo.v3 with chart podinfo@6.7.1");
  static final Condition RELEASED =
      new Condition("Released", "True", "UpgradeSucceeded", UPGRADED.message());

  static GenericKubernetesResource appWithInventory(String... ids) {
    return StatusMapperTest.applied("cfg-app").status("inventory", inventory(ids)).build();
  }

  static GenericKubernetesResource podinfoRelease() {
    return helmRelease("podinfo")
        .generation(2, 2)
        .status("helmChart", "flux-system/flux-system-podinfo")
        .status("lastAttemptedRevision", "6.7.1")
        .status(
            "history",
            List.of(
                snapshot(3, "deployed", "6.7.1"),
                snapshot(2, "superseded", "6.7.0"),
                snapshot(1, "superseded", "6.6.3")))
        .status("failures", 2)
        .status("upgradeFailures", 2)
        .conditions(UPGRADED, RELEASED)
        .build();
  }

  static Map<String, Object> snapshot(int version, String status, String chartVersion) {
    return Map.of(
        "name", "podinfo",
        "namespace", "apps",
        "version", version,
        "status", status,
        "chartName", "podinfo",
        "chartVersion", chartVersion,
        "digest", "sha256:52d8c5b1a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7",
        "firstDeployed", "2026-01-01T09:00:00Z",
        "lastDeployed", TIME);
  }

  static ObservedConfiguration observed(
      GenericKubernetesResource app, Map<ChildRef, GenericKubernetesResource> children) {
    return new ObservedConfiguration(
        CONFIG,
        NS,
        false,
        "GitRepository",
        readySource(),
        List.of("cfg-app"),
        Map.of("cfg-app", app),
        children);
  }

  static ObjectStatusDefinition child(
      ChildRef ref,
      ComplianceState state,
      HelmReleasePropertiesDefinition helmReleaseProperties,
      Condition... conditions) {
    return new ObjectStatusDefinition(
        ref.name(),
        ref.namespace(),
        ref.kind(),
        state,
        new ObjectReferenceDefinition("cfg-app", NS),
        reported(conditions),
        helmReleaseProperties);
  }

  @Test
  void helmReleaseWithItsChartRepositoryAndProperties() {
    GenericKubernetesResource app =
        appWithInventory(
            "_apps__Namespace",
            "apps_podinfo_apps_Deployment",
            "apps_podinfo__Service",
            "_system__podinfo-reader_rbac.authorization.k8s.io_ClusterRole",
            HELM_RELEASE_ID,
            HELM_REPOSITORY_ID,
            TENANTS_ID);
    Map<ChildRef, GenericKubernetesResource> found =
        Map.of(
            HELM_RELEASE, podinfoRelease(),
            HELM_REPOSITORY, helmRepository("podinfo").conditions(REPOSITORY_STORED).build(),
            HELM_CHART, helmChart("flux-system-podinfo").conditions(CHART_PULLED).build());

    assertThat(StatusMapper.map(observed(app, found)))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(COMPLIANT, STORED, IN_STORAGE),
                    managedKustomization("cfg-app", COMPLIANT, APPLIED),
                    child(
                        HELM_RELEASE,
                        COMPLIANT,
                        new HelmReleasePropertiesDefinition(
                            3L,
                            new ObjectReferenceDefinition("flux-system-podinfo", NS),
                            2L,
                            null,
                            2L),
                        UPGRADED,
                        RELEASED),
                    child(HELM_CHART, COMPLIANT, null, CHART_PULLED),
                    child(HELM_REPOSITORY, COMPLIANT, null, REPOSITORY_STORED)),
                COMPLIANT,
                REVISION,
                Instant.parse(TIME)));
  }

  @Test
  void failingChildMakesTheConfigurationNonCompliant() {
    Condition installFailed =
        ready(
            "False",
            "InstallFailed",
            "Helm install failed for release apps/podinfo with chart podinfo@6.7.1: context deadline"
                + " exceeded");
    Condition retrying =
        reconciling("ProgressingWithRetry", "Running 'install' action with timeout of 5m0s");
    GenericKubernetesResource release =
        helmRelease("podinfo")
            .status("helmChart", "flux-system/flux-system-podinfo")
            .status("failures", 1)
            .status("installFailures", 1)
            .conditions(retrying, installFailed)
            .build();

    ConfigurationStatus status =
        StatusMapper.map(
            observed(appWithInventory(HELM_RELEASE_ID), Map.of(HELM_RELEASE, release)));

    assertThat(status.statuses())
        .containsExactly(
            source(COMPLIANT, STORED, IN_STORAGE),
            managedKustomization("cfg-app", COMPLIANT, APPLIED),
            child(
                HELM_RELEASE,
                NON_COMPLIANT,
                new HelmReleasePropertiesDefinition(
                    null, new ObjectReferenceDefinition("flux-system-podinfo", NS), 1L, 1L, null),
                retrying,
                installFailed));
    assertThat(status.complianceState()).isEqualTo(NON_COMPLIANT);
  }

  @Test
  void helmReleaseWithoutStatusIsPendingWithoutProperties() {
    GenericKubernetesResource release = helmRelease("podinfo").rawStatus(null).build();

    assertThat(
            StatusMapper.map(
                    observed(appWithInventory(HELM_RELEASE_ID), Map.of(HELM_RELEASE, release)))
                .statuses())
        .containsExactly(
            source(COMPLIANT, STORED, IN_STORAGE),
            managedKustomization("cfg-app", COMPLIANT, APPLIED),
            child(HELM_RELEASE, PENDING, null));
  }

  @Test
  void childrenOfEveryKustomizationFollowInTheirOrderAndEachIsListedOnce() {
    GenericKubernetesResource infra =
        StatusMapperTest.applied("cfg-infra")
            .status("inventory", inventory(HELM_REPOSITORY_ID, TENANTS_ID))
            .build();
    GenericKubernetesResource app = appWithInventory(TENANTS_ID, HELM_RELEASE_ID);
    Condition tenantsApplied =
        ready("True", "ReconciliationSucceeded", "Applied revision: main@sha1:1");
    Map<ChildRef, GenericKubernetesResource> found =
        Map.of(
            HELM_REPOSITORY, helmRepository("podinfo").conditions(REPOSITORY_STORED).build(),
            TENANTS, kustomization("tenants").conditions(tenantsApplied).build());
    ObservedConfiguration observed =
        new ObservedConfiguration(
            CONFIG,
            NS,
            false,
            "GitRepository",
            readySource(),
            List.of("cfg-infra", "cfg-app"),
            Map.of("cfg-infra", infra, "cfg-app", app),
            found);
    ObjectReferenceDefinition byInfra = new ObjectReferenceDefinition("cfg-infra", NS);

    assertThat(StatusMapper.map(observed).statuses())
        .containsExactly(
            source(COMPLIANT, STORED, IN_STORAGE),
            managedKustomization("cfg-infra", COMPLIANT, APPLIED),
            managedKustomization("cfg-app", COMPLIANT, APPLIED),
            new ObjectStatusDefinition(
                "podinfo",
                NS,
                "HelmRepository",
                COMPLIANT,
                byInfra,
                reported(REPOSITORY_STORED),
                null),
            new ObjectStatusDefinition(
                "tenants",
                NS,
                "Kustomization",
                COMPLIANT,
                byInfra,
                reported(tenantsApplied),
                null));
  }

  @Test
  void managedObjectsInAnInventoryAreNotListedAgain() {
    String managedKustomizationId = "flux-system_cfg-app_kustomize.toolkit.fluxcd.io_Kustomization";
    String sourceId = "flux-system_cfg_source.toolkit.fluxcd.io_GitRepository";
    GenericKubernetesResource app = appWithInventory(sourceId, managedKustomizationId);
    Map<ChildRef, GenericKubernetesResource> found =
        Map.of(
            ChildRef.fromInventoryId(sourceId).orElseThrow(),
            readySource(),
            ChildRef.fromInventoryId(managedKustomizationId).orElseThrow(),
            app);

    assertThat(StatusMapper.map(observed(app, found)).statuses())
        .containsExactly(
            source(COMPLIANT, STORED, IN_STORAGE),
            managedKustomization("cfg-app", COMPLIANT, APPLIED));
  }

  @Test
  void childrenOfKeepsOnlyFluxKindsInInventoryOrder() {
    GenericKubernetesResource app =
        appWithInventory(
            "apps_podinfo_apps_Deployment",
            TENANTS_ID,
            "flux-system_podinfo_source.toolkit.fluxcd.io_HelmChart",
            "flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease",
            "flux-system_podinfo_example.com_HelmRelease",
            "flux-system_podinfo_source.toolkit.fluxcd.io_Kustomization",
            "flux-system_podinfo_source.toolkit.fluxcd.io_ExternalArtifact",
            "flux-system_charts_source.toolkit.fluxcd.io_OCIRepository",
            "flux-system_manifests_source.toolkit.fluxcd.io_Bucket",
            "flux-system_infra_source.toolkit.fluxcd.io_GitRepository",
            HELM_REPOSITORY_ID,
            "not an id",
            HELM_RELEASE_ID);

    assertThat(StatusMapper.childrenOf(app))
        .containsExactly(
            TENANTS,
            new ChildRef("source.toolkit.fluxcd.io", "HelmChart", NS, "podinfo"),
            HELM_RELEASE,
            new ChildRef("source.toolkit.fluxcd.io", "OCIRepository", NS, "charts"),
            new ChildRef("source.toolkit.fluxcd.io", "Bucket", NS, "manifests"),
            new ChildRef("source.toolkit.fluxcd.io", "GitRepository", NS, "infra"),
            HELM_REPOSITORY);
  }

  @Test
  void chartOfSplitsStatusHelmChart() {
    assertThat(StatusMapper.chartOf(podinfoRelease())).contains(HELM_CHART);
    for (Object malformed :
        new Object[] {"flux-system-podinfo", "/podinfo", "flux-system/", "a/b/c", 7}) {
      GenericKubernetesResource release =
          helmRelease("podinfo").status("helmChart", malformed).build();
      assertThat(StatusMapper.chartOf(release)).as(String.valueOf(malformed)).isEmpty();
    }
  }
}
