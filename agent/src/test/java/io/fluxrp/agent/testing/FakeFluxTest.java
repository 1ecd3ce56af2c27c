package io.fluxrp.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeFluxTest {

  private static final String NS = "apps";
  private static final String SOURCE = "source.toolkit.fluxcd.io/v1";
  private static final String GIT = "GitRepository";
  private static final String KS = "Kustomization";
  private static final String HEX40 = "[0-9a-f]{40}";
  private static final String HEX64 = "[0-9a-f]{64}";

  private final TestKubernetes kubernetes = TestKubernetes.start();
  private final KubernetesClient client = kubernetes.client();
  private FakeFlux flux;

  FakeFluxTest() {
    kubernetes.createNamespace(NS);
  }

  @AfterEach
  void close() {
    if (flux != null) {
      flux.close();
    }
    kubernetes.close();
  }

  @Test
  void aGitRepositoryGetsItsFinalizerAndAnArtifact() {
    flux = FakeFlux.start(kubernetes);
    create(gitRepository("podinfo", "https://github.com/org/podinfo", Map.of("branch", "main")));

    GenericKubernetesResource ready = flux.awaitReady(GIT, NS, "podinfo");

    assertThat(ready.getMetadata().getFinalizers()).containsExactly(FakeFlux.FINALIZER);
    assertThat((Integer) ready.get("status", "observedGeneration")).isEqualTo(1);
    String revision = ready.get("status", "artifact", "revision");
    assertThat(revision).matches("main@sha1:" + HEX40);
    assertThat((String) ready.get("status", "artifact", "digest")).matches("sha256:" + HEX64);
    assertThat((String) ready.get("status", "artifact", "url"))
        .startsWith("http://source-controller.");
    assertThat((String) ready.get("status", "artifact", "path"))
        .startsWith("gitrepository/apps/podinfo/");
    assertThat((String) ready.get("status", "artifact", "lastUpdateTime")).isNotBlank();
    assertThat(FakeFlux.condition(ready, "Ready").orElseThrow())
        .containsEntry("reason", "Succeeded")
        .containsEntry("message", "stored artifact for revision '" + revision + "'")
        .containsEntry("observedGeneration", 1);
    assertThat(FakeFlux.condition(ready, "ArtifactInStorage").orElseThrow())
        .containsEntry("status", "True");
  }

  @Test
  void revisionsFollowRfc0005() {
    flux = FakeFlux.start(kubernetes);
    String commit = "0ba6f0d30760d567de0bac86c8c4eec13ce1a590";
    create(gitRepository("commit", "https://h/r", Map.of("commit", commit)));
    create(gitRepository("tag", "https://h/r", Map.of("tag", "v1.2.3")));
    create(gitRepository("default", "https://h/r", Map.of()));
    create(
        object(
            SOURCE,
            "OCIRepository",
            "oci",
            Map.of("url", "oci://ghcr.io/org/app", "interval", "1m", "ref", Map.of("tag", "1.0"))));
    create(
        object(
            SOURCE,
            "Bucket",
            "bucket",
            Map.of("bucketName", "b", "endpoint", "minio:9000", "interval", "1m")));

    assertThat(revision(GIT, "commit")).isEqualTo("sha1:" + commit);
    assertThat(revision(GIT, "tag")).matches("v1\\.2\\.3@sha1:" + HEX40);
    assertThat(revision(GIT, "default")).matches("master@sha1:" + HEX40);
    assertThat(revision("OCIRepository", "oci")).matches("1\\.0@sha256:" + HEX64);
    assertThat(revision("Bucket", "bucket")).matches("sha256:" + HEX64);
    assertThat(
            FakeFlux.condition(flux.get("OCIRepository", NS, "oci"), "Ready")
                .orElseThrow()
                .get("message"))
        .isEqualTo("stored artifact for digest '" + revision("OCIRepository", "oci") + "'");
  }

  @Test
  void aKustomizationAppliesTheRevisionOfItsSource() {
    flux = FakeFlux.start(kubernetes);
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));

    GenericKubernetesResource ready = flux.awaitReady(KS, NS, "config-app");

    String revision = revision(GIT, "config");
    assertThat(ready.getMetadata().getFinalizers()).containsExactly(FakeFlux.FINALIZER);
    assertThat((String) ready.get("status", "lastAppliedRevision")).isEqualTo(revision);
    assertThat((String) ready.get("status", "lastAttemptedRevision")).isEqualTo(revision);
    assertThat((List<?>) ready.get("status", "inventory", "entries")).isEmpty();
    assertThat(FakeFlux.condition(ready, "Ready").orElseThrow())
        .containsEntry("reason", "ReconciliationSucceeded")
        .containsEntry("message", "Applied revision: " + revision);
  }

  @Test
  void aNewRevisionReachesTheKustomization() {
    flux = FakeFlux.start(kubernetes);
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));
    String first = flux.awaitReady(KS, NS, "config-app").get("status", "lastAppliedRevision");

    flux.pushNewRevision(GIT, NS, "config");

    GenericKubernetesResource updated =
        Await.value(
            "new revision applied",
            () -> flux.get(KS, NS, "config-app"),
            k -> !first.equals(k.get("status", "lastAppliedRevision")));
    assertThat((String) updated.get("status", "lastAppliedRevision"))
        .isEqualTo(revision(GIT, "config"))
        .matches("main@sha1:" + HEX40);
  }

  @Test
  void aKustomizationWaitsForItsSourceArtifact() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(GIT, NS, "config", Behaviour.authenticationFailed());
    create(
        gitRepository("config", "ssh://git@github.com/org/config.git", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));

    GenericKubernetesResource waiting =
        flux.awaitCondition(KS, NS, "config-app", "Ready", "False", "ArtifactFailed");
    assertThat(FakeFlux.condition(waiting, "Ready").orElseThrow())
        .containsEntry("message", "Source artifact not found, retrying in 30s");

    flux.behave(GIT, NS, "config", Behaviour.ready());

    assertThat((String) flux.awaitReady(KS, NS, "config-app").get("status", "lastAppliedRevision"))
        .isEqualTo(revision(GIT, "config"));
  }

  @Test
  void aKustomizationWaitsForItsDependencies() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(KS, NS, "config-infra", Behaviour.buildFailed());
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-infra", "config", true));
    GenericKubernetesResource apps = kustomization("config-apps", "config", true);
    spec(apps).put("dependsOn", List.of(Map.of("name", "config-infra")));
    create(apps);

    GenericKubernetesResource waiting =
        flux.awaitCondition(KS, NS, "config-apps", "Ready", "False");
    assertThat(FakeFlux.condition(waiting, "Ready").orElseThrow())
        .containsEntry("reason", "DependencyNotReady")
        .containsEntry("message", "dependency 'apps/config-infra' is not ready");

    flux.behave(KS, NS, "config-infra", Behaviour.ready());

    flux.awaitReady(KS, NS, "config-apps");
  }

  @Test
  void aSourceFailsToAuthenticate() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(GIT, NS, "config", Behaviour.authenticationFailed());
    create(
        gitRepository("config", "ssh://git@github.com/org/config.git", Map.of("branch", "main")));

    GenericKubernetesResource failed = flux.awaitCondition(GIT, NS, "config", "Ready", "False");

    assertThat(FakeFlux.condition(failed, "Ready").orElseThrow())
        .containsEntry("reason", "AuthenticationFailed")
        .containsEntry(
            "message",
            "failed to checkout and determine revision: unable to clone 'ssh://git@github.com/org/config.git': "
                + "ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey], "
                + "no supported methods remain");
    assertThat(FakeFlux.condition(failed, "FetchFailed").orElseThrow())
        .containsEntry("status", "True");
    assertThat((Object) failed.get("status", "artifact")).isNull();
  }

  @Test
  void aFailingSourceKeepsItsArtifact() {
    flux = FakeFlux.start(kubernetes);
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    String revision = revision(GIT, "config");

    flux.behave(GIT, NS, "config", Behaviour.authenticationFailed());

    GenericKubernetesResource failed = flux.awaitCondition(GIT, NS, "config", "Ready", "False");
    assertThat((String) failed.get("status", "artifact", "revision")).isEqualTo(revision);
    assertThat(FakeFlux.condition(failed, "ArtifactInStorage").orElseThrow())
        .containsEntry("status", "True");
  }

  @Test
  void kustomizationFailuresUseFluxReasons() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(KS, NS, "config-build", Behaviour.buildFailed());
    flux.behave(KS, NS, "config-health", Behaviour.healthCheckFailed());
    flux.behave(KS, NS, "config-stalled", Behaviour.stalled());
    flux.behave(KS, NS, "config-progressing", Behaviour.progressing());
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    for (String name :
        List.of("config-build", "config-health", "config-stalled", "config-progressing")) {
      create(kustomization(name, "config", true));
    }

    GenericKubernetesResource build =
        flux.awaitCondition(KS, NS, "config-build", "Ready", "False", "BuildFailed");
    assertThat(message(build, "Ready")).startsWith("kustomize build failed: ");
    assertThat(FakeFlux.condition(build, "Reconciling").orElseThrow())
        .containsEntry("reason", "ProgressingWithRetry");
    GenericKubernetesResource health =
        flux.awaitCondition(KS, NS, "config-health", "Ready", "False", "HealthCheckFailed");
    assertThat(message(health, "Ready")).startsWith("health check failed after ");
    assertThat(FakeFlux.condition(health, "Healthy").orElseThrow())
        .containsEntry("status", "False");
    GenericKubernetesResource stalled =
        flux.awaitCondition(KS, NS, "config-stalled", "Ready", "False", "InvalidCELExpression");
    assertThat(FakeFlux.condition(stalled, "Stalled").orElseThrow())
        .containsEntry("status", "True");
    GenericKubernetesResource progressing =
        flux.awaitCondition(KS, NS, "config-progressing", "Ready", "Unknown", "Progressing");
    assertThat(FakeFlux.condition(progressing, "Reconciling").orElseThrow())
        .containsEntry("status", "True");
    flux.awaitIdle();
    assertThat(FakeFlux.condition(flux.get(KS, NS, "config-progressing"), "Ready").orElseThrow())
        .containsEntry("status", "Unknown");
  }

  @Test
  void aSourceCanStall() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(o -> o.getKind().equals("Bucket"), Behaviour.stalled());
    create(
        object(
            SOURCE,
            "Bucket",
            "bucket",
            Map.of("bucketName", "b", "endpoint", "minio:9000", "interval", "1m")));

    GenericKubernetesResource stalled =
        flux.awaitCondition("Bucket", NS, "bucket", "Stalled", "True");

    assertThat(FakeFlux.condition(stalled, "Ready").orElseThrow())
        .containsEntry("status", "False")
        .containsEntry("reason", "InvalidProviderConfiguration");
  }

  @Test
  void suspendedObjectsKeepTheirStatusUntilResumed() {
    flux = FakeFlux.start(kubernetes);
    GenericKubernetesResource suspended =
        gitRepository("suspended", "https://h/r", Map.of("branch", "main"));
    spec(suspended).put("suspend", true);
    create(suspended);
    flux.awaitIdle();
    assertThat(Conditions.status(flux.get(GIT, NS, "suspended"))).isEmpty();

    setSpec(GIT, "suspended", "suspend", false);
    flux.awaitReady(GIT, NS, "suspended");
    flux.behave(GIT, NS, "suspended", Behaviour.authenticationFailed());
    flux.awaitCondition(GIT, NS, "suspended", "Ready", "False");
    setSpec(GIT, "suspended", "suspend", true);
    flux.behave(GIT, NS, "suspended", Behaviour.ready());
    flux.awaitIdle();

    GenericKubernetesResource stillFailed = flux.get(GIT, NS, "suspended");
    assertThat(FakeFlux.condition(stillFailed, "Ready").orElseThrow())
        .containsEntry("status", "False");
    assertThat((Integer) stillFailed.get("status", "observedGeneration")).isEqualTo(2);

    setSpec(GIT, "suspended", "suspend", false);
    assertThat(flux.awaitReady(GIT, NS, "suspended").getMetadata().getGeneration()).isEqualTo(4);
  }

  @Test
  void aPausedControllerLeavesTheStatusOfTheOldGeneration() {
    flux = FakeFlux.start(kubernetes);
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    flux.awaitReady(GIT, NS, "config");

    flux.pause();
    setSpec(GIT, "config", "url", "https://h/other");
    flux.awaitIdle();

    GenericKubernetesResource stale = flux.get(GIT, NS, "config");
    assertThat(stale.getMetadata().getGeneration()).isEqualTo(2);
    assertThat((Integer) stale.get("status", "observedGeneration")).isEqualTo(1);
    assertThat(FakeFlux.condition(stale, "Ready").orElseThrow())
        .containsEntry("observedGeneration", 1);

    flux.resume();

    assertThat((Integer) flux.awaitReady(GIT, NS, "config").get("status", "observedGeneration"))
        .isEqualTo(2);
  }

  @Test
  void aKustomizationAppliesHelmReleaseChildren() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(Child.helmRelease(NS, "podinfo", "podinfo", "6.5.4")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));

    GenericKubernetesResource ready = flux.awaitReady(KS, NS, "config-app");

    assertThat((List<Object>) ready.get("status", "inventory", "entries"))
        .containsExactly(
            Map.of("id", "apps_podinfo_source.toolkit.fluxcd.io_HelmRepository", "v", "v1"),
            Map.of("id", "apps_podinfo_helm.toolkit.fluxcd.io_HelmRelease", "v", "v2"));
    GenericKubernetesResource release = helmRelease("podinfo");
    assertThat(release.getMetadata().getLabels())
        .containsEntry("kustomize.toolkit.fluxcd.io/name", "config-app")
        .containsEntry("kustomize.toolkit.fluxcd.io/namespace", NS);
    assertThat((String) release.get("status", "helmChart")).isEqualTo("apps/apps-podinfo");
    assertThat((Integer) release.get("status", "history", 0, "version")).isEqualTo(1);
    assertThat((String) release.get("status", "history", 0, "chartVersion")).isEqualTo("6.5.4");
    assertThat(FakeFlux.condition(release, "Ready").orElseThrow())
        .containsEntry("status", "True")
        .containsEntry("reason", "InstallSucceeded")
        .containsEntry(
            "message",
            "Helm install succeeded for release apps/podinfo.v1 with chart podinfo@6.5.4");
    assertThat(FakeFlux.condition(helmObject("HelmChart", "apps-podinfo"), "Ready").orElseThrow())
        .containsEntry("reason", "ChartPullSucceeded");
    assertThat(FakeFlux.condition(helmObject("HelmRepository", "podinfo"), "Ready").orElseThrow())
        .containsEntry("status", "True");
  }

  @Test
  void changedChildrenAreAppliedAndRemovedOnesPruned() {
    flux = FakeFlux.start(kubernetes);
    Child.HelmRelease podinfo = Child.helmRelease(NS, "podinfo", "podinfo", "6.5.4");
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(podinfo, Child.manifest("v1", "ConfigMap", NS, "settings")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));
    flux.awaitReady(KS, NS, "config-app");
    assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNotNull();

    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(podinfo.upgradedTo("6.6.0").failing(2)));

    GenericKubernetesResource release =
        Await.value(
            "failed upgrade",
            () -> helmRelease("podinfo"),
            r ->
                FakeFlux.condition(r, "Ready")
                    .filter(c -> "False".equals(c.get("status")))
                    .isPresent());
    assertThat(FakeFlux.condition(release, "Ready").orElseThrow())
        .containsEntry("reason", "UpgradeFailed")
        .containsEntry(
            "message",
            "Helm upgrade failed for release apps/podinfo with chart podinfo@6.6.0: context deadline exceeded");
    assertThat((Integer) release.get("status", "failures")).isEqualTo(2);
    assertThat((Integer) release.get("status", "upgradeFailures")).isEqualTo(2);
    assertThat((Integer) release.get("status", "history", 0, "version")).isEqualTo(2);
    assertThat((Integer) release.get("status", "observedGeneration")).isEqualTo(2);
    Await.until(
        "ConfigMap pruned",
        () -> client.configMaps().inNamespace(NS).withName("settings").get() == null);
  }

  @Test
  void aChildThatCannotBeAppliedFailsTheKustomization() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready()
            .withChildren(Child.helmRelease("nowhere", "podinfo", "podinfo", "6.5.4")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));

    GenericKubernetesResource failed =
        flux.awaitCondition(KS, NS, "config-app", "Ready", "False", "ReconciliationFailed");

    assertThat(FakeFlux.condition(failed, "Ready").orElseThrow())
        .containsEntry(
            "message",
            "HelmRepository/nowhere/podinfo dry-run failed: namespaces \"nowhere\" not found");
  }

  @Test
  void deletingAPruningKustomizationDeletesItsChildrenFirst() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(Child.helmRelease(NS, "podinfo", "podinfo", "6.5.4")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));
    flux.awaitReady(KS, NS, "config-app");

    objects(KS).inNamespace(NS).withName("config-app").delete();
    flux.awaitGone(KS, NS, "config-app");

    assertThat(helmRelease("podinfo")).isNull();
    assertThat(helmObject("HelmRepository", "podinfo")).isNull();
    assertThat(helmObject("HelmChart", "apps-podinfo")).isNull();
  }

  @Test
  void deletingAKustomizationThatDoesNotPruneLeavesItsChildren() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(Child.helmRelease(NS, "podinfo", "podinfo", "6.5.4")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", false));
    flux.awaitReady(KS, NS, "config-app");

    objects(KS).inNamespace(NS).withName("config-app").delete();
    flux.awaitGone(KS, NS, "config-app");

    assertThat(helmRelease("podinfo")).isNotNull();
  }

  @Test
  void aSuspendedKustomizationIsDeletedWithoutPruning() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(
        KS,
        NS,
        "config-app",
        Behaviour.ready().withChildren(Child.helmRelease(NS, "podinfo", "podinfo", "6.5.4")));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    create(kustomization("config-app", "config", true));
    flux.awaitReady(KS, NS, "config-app");
    setSpec(KS, "config-app", "suspend", true);

    objects(KS).inNamespace(NS).withName("config-app").delete();
    flux.awaitGone(KS, NS, "config-app");

    assertThat(helmRelease("podinfo")).isNotNull();
  }

  @Test
  void aStuckFinalizerKeepsTheObjectUntilReleased() {
    flux = FakeFlux.start(kubernetes);
    flux.behave(GIT, NS, "config", Behaviour.ready().withStuckFinalizer());
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    flux.awaitReady(GIT, NS, "config");

    objects(GIT).inNamespace(NS).withName("config").delete();
    flux.awaitIdle();

    GenericKubernetesResource stuck = flux.get(GIT, NS, "config");
    assertThat(stuck.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(stuck.getMetadata().getFinalizers()).containsExactly(FakeFlux.FINALIZER);

    flux.behave(GIT, NS, "config", Behaviour.ready());

    flux.awaitGone(GIT, NS, "config");
  }

  @Test
  void finalizationCanBeDelayed() {
    flux = FakeFlux.start(kubernetes);
    flux.finalizeDelay(Duration.ofMillis(500));
    create(gitRepository("config", "https://h/r", Map.of("branch", "main")));
    flux.awaitReady(GIT, NS, "config");
    long start = System.nanoTime();

    objects(GIT).inNamespace(NS).withName("config").delete();
    flux.awaitGone(GIT, NS, "config");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void sourcesOfAnOldClusterAreServedAsV1beta2() {
    kubernetes.serveOnlyV1beta2("OCIRepository");
    flux = FakeFlux.start(kubernetes);
    create(
        object(
            "source.toolkit.fluxcd.io/v1beta2",
            "OCIRepository",
            "oci",
            Map.of("url", "oci://ghcr.io/org/app", "interval", "1m")));

    GenericKubernetesResource ready = flux.awaitReady("OCIRepository", NS, "oci");

    assertThat(ready.getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1beta2");
    assertThat((String) ready.get("status", "artifact", "revision"))
        .matches("latest@sha256:" + HEX64);
  }

  private static String message(GenericKubernetesResource object, String type) {
    return (String) FakeFlux.condition(object, type).orElseThrow().get("message");
  }

  private String revision(String kind, String name) {
    return flux.awaitReady(kind, NS, name).get("status", "artifact", "revision");
  }

  private GenericKubernetesResource helmRelease(String name) {
    return client
        .genericKubernetesResources("helm.toolkit.fluxcd.io/v2", "HelmRelease")
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  private GenericKubernetesResource helmObject(String kind, String name) {
    return client.genericKubernetesResources(SOURCE, kind).inNamespace(NS).withName(name).get();
  }

  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      objects(String kind) {
    return client.genericKubernetesResources(flux.apiVersion(kind), kind);
  }

  private void create(GenericKubernetesResource object) {
    client.resource(object).create();
  }

  private void setSpec(String kind, String name, String field, Object value) {
    objects(kind)
        .inNamespace(NS)
        .withName(name)
        .edit(
            o -> {
              spec(o).put(field, value);
              return o;
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }

  private static GenericKubernetesResource gitRepository(
      String name, String url, Map<String, Object> ref) {
    return object(SOURCE, GIT, name, Map.of("url", url, "interval", "1m", "ref", ref));
  }

  private static GenericKubernetesResource kustomization(
      String name, String source, boolean prune) {
    return object(
        "kustomize.toolkit.fluxcd.io/v1",
        KS,
        name,
        Map.of(
            "interval", "10m", "prune", prune, "sourceRef", Map.of("kind", GIT, "name", source)));
  }

  private static GenericKubernetesResource object(
      String apiVersion, String kind, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .addToAdditionalProperties("spec", new LinkedHashMap<>(spec))
        .build();
  }
}
