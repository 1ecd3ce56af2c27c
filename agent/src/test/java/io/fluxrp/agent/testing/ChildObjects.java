package io.fluxrp.agent.testing;

import static io.fluxrp.agent.testing.Conditions.FALSE;
import static io.fluxrp.agent.testing.Conditions.READY;
import static io.fluxrp.agent.testing.Conditions.TRUE;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fluxrp.agent.testing.Conditions.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** The Kubernetes objects behind a {@link Child}, with the status their controllers would write. */
final class ChildObjects {

  static final String HELM_RELEASE_API = "helm.toolkit.fluxcd.io/v2";
  static final String SOURCE_API = "source.toolkit.fluxcd.io/v1";
  private static final String STORAGE = "http://source-controller.flux-system.svc.cluster.local./";

  /**
   * One object to write.
   *
   * @param manager the field manager of the controller that writes it
   * @param status the status to write after it for the generation it got, or null
   * @param inventoried whether kustomize-controller applied it (and lists it in the inventory)
   */
  record Rendered(
      GenericKubernetesResource object,
      String manager,
      LongFunction<Map<String, Object>> status,
      boolean inventoried) {}

  private ChildObjects() {}

  /** What applying {@code child} for the Kustomization {@code owner} writes, in order. */
  static List<Rendered> render(Child child, GenericKubernetesResource owner, String now) {
    Map<String, String> labels =
        Map.of(
            "kustomize.toolkit.fluxcd.io/name", owner.getMetadata().getName(),
            "kustomize.toolkit.fluxcd.io/namespace", owner.getMetadata().getNamespace());
    return switch (child) {
      case Child.HelmRelease release -> helmRelease(release, labels, now);
      case Child.Manifest manifest ->
          List.of(
              new Rendered(
                  object(
                      manifest.apiVersion(),
                      manifest.kind(),
                      manifest.namespace(),
                      manifest.name(),
                      labels,
                      null),
                  "kustomize-controller",
                  null,
                  true));
    };
  }

  /** The inventory entry id kustomize-controller records: {@code <ns>_<name>_<group>_<Kind>}. */
  static Map<String, Object> inventoryEntry(GenericKubernetesResource object) {
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String namespace = object.getMetadata().getNamespace();
    return Map.of(
        "id",
        String.join(
            "_",
            namespace == null ? "" : namespace,
            object.getMetadata().getName(),
            group,
            object.getKind()),
        "v",
        version);
  }

  private static List<Rendered> helmRelease(
      Child.HelmRelease release, Map<String, String> labels, String now) {
    String ns = release.namespace();
    String chartName = ns + "-" + release.name();
    String repositoryRevision = "sha256:" + Integer.toHexString((release.chart() + ns).hashCode());
    GenericKubernetesResource repository =
        object(
            SOURCE_API,
            "HelmRepository",
            ns,
            release.name(),
            labels,
            Map.of("interval", "1h", "url", "https://charts.example.com/" + release.chart()));
    GenericKubernetesResource chart =
        object(
            SOURCE_API,
            "HelmChart",
            ns,
            chartName,
            Map.of(),
            Map.of(
                "chart", release.chart(),
                "version", release.chartVersion(),
                "interval", "10m",
                "reconcileStrategy", "ChartVersion",
                "sourceRef", Map.of("kind", "HelmRepository", "name", release.name())));
    GenericKubernetesResource helmRelease =
        object(
            HELM_RELEASE_API,
            "HelmRelease",
            ns,
            release.name(),
            labels,
            Map.of(
                "interval",
                "10m",
                "chart",
                Map.of("spec", chart.getAdditionalProperties().get("spec"))));
    return List.of(
        new Rendered(
            repository,
            "kustomize-controller",
            generation ->
                artifactStatus(
                    "stored artifact: revision '" + repositoryRevision + "'",
                    "Succeeded",
                    repositoryRevision,
                    "helmrepository/" + ns + "/" + release.name() + "/index.yaml",
                    generation,
                    now),
            true),
        new Rendered(
            helmRelease,
            "kustomize-controller",
            generation -> helmReleaseStatus(release, chartName, generation, now),
            true),
        new Rendered(
            chart,
            "helm-controller",
            generation -> chartStatus(release, repositoryRevision, chartName, generation, now),
            false));
  }

  private static Map<String, Object> helmReleaseStatus(
      Child.HelmRelease release, String chartName, long generation, String now) {
    boolean install = release.releaseRevision() <= 1;
    String action = install ? "install" : "upgrade";
    String verb = install ? "Install" : "Upgrade";
    String chart = release.chart() + "@" + release.chartVersion();
    boolean failed = release.failures() > 0;
    String releaseName = release.namespace() + "/" + release.name();
    String message =
        failed
            ? "Helm "
                + action
                + " failed for release "
                + releaseName
                + " with chart "
                + chart
                + ": context deadline exceeded"
            : "Helm "
                + action
                + " succeeded for release "
                + releaseName
                + ".v"
                + release.releaseRevision()
                + " with chart "
                + chart;
    String reason = verb + (failed ? "Failed" : "Succeeded");
    String state = failed ? FALSE : TRUE;
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("appVersion", release.chartVersion());
    snapshot.put("chartName", release.chart());
    snapshot.put("chartVersion", release.chartVersion());
    snapshot.put("configDigest", "sha256:" + Integer.toHexString(chart.hashCode()));
    snapshot.put("digest", "sha256:" + Integer.toHexString((releaseName + chart).hashCode()));
    snapshot.put("firstDeployed", now);
    snapshot.put("lastDeployed", now);
    snapshot.put("name", release.name());
    snapshot.put("namespace", release.namespace());
    snapshot.put("status", failed ? "failed" : "deployed");
    snapshot.put("version", release.releaseRevision());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", generation);
    status.put("helmChart", release.namespace() + "/" + chartName);
    status.put("history", List.of(snapshot));
    status.put("lastAttemptedReleaseAction", action);
    status.put("lastAttemptedRevision", release.chartVersion());
    status.put("storageNamespace", release.namespace());
    if (failed) {
      status.put("failures", release.failures());
      status.put(install ? "installFailures" : "upgradeFailures", release.failures());
    }
    status.put(
        "conditions",
        Conditions.render(
            List.of(
                new Condition(READY, state, reason, message),
                new Condition("Released", state, reason, message)),
            generation,
            Map.of(),
            now));
    return status;
  }

  private static Map<String, Object> chartStatus(
      Child.HelmRelease release,
      String repositoryRevision,
      String chartName,
      long generation,
      String now) {
    Map<String, Object> status =
        artifactStatus(
            "pulled '" + release.chart() + "' chart with version '" + release.chartVersion() + "'",
            "ChartPullSucceeded",
            release.chartVersion(),
            "helmchart/"
                + release.namespace()
                + "/"
                + chartName
                + "/"
                + release.chart()
                + "-"
                + release.chartVersion()
                + ".tgz",
            generation,
            now);
    status.put("observedChartName", release.chart());
    status.put("observedSourceArtifactRevision", repositoryRevision);
    return status;
  }

  private static Map<String, Object> artifactStatus(
      String message, String reason, String revision, String path, long generation, String now) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", generation);
    status.put(
        "artifact",
        Map.of(
            "digest",
            "sha256:" + Integer.toHexString(path.hashCode()),
            "lastUpdateTime",
            now,
            "path",
            path,
            "revision",
            revision,
            "size",
            4096,
            "url",
            STORAGE + path));
    status.put(
        "conditions",
        Conditions.render(
            List.of(
                new Condition(READY, TRUE, reason, message),
                new Condition("ArtifactInStorage", TRUE, reason, message)),
            generation,
            Map.of(),
            now));
    return status;
  }

  private static GenericKubernetesResource object(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, Object> spec) {
    GenericKubernetesResourceBuilder builder =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata();
    if (spec != null) {
      builder.addToAdditionalProperties("spec", spec);
    }
    return builder.build();
  }
}
