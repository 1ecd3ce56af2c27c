package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fluxrp.agent.fluxobjects.ManagedLabels;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.status.ChildRef;
import io.fluxrp.agent.status.StatusMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Informers on what the agent manages — sources, Kustomizations and Secrets carrying our label —
 * and on helm-controller's kinds (children of Kustomizations, not ours), where the cluster serves
 * them. Every event names the configuration it concerns to {@code changed}.
 */
public final class FluxCaches implements AutoCloseable {
  private static final List<KubeKind> OURS =
      List.of(
          KubeKind.GIT_REPOSITORY,
          KubeKind.BUCKET,
          KubeKind.OCI_REPOSITORY,
          KubeKind.KUSTOMIZATION,
          KubeKind.SECRET);
  private static final List<KubeKind> HELM =
      List.of(KubeKind.HELM_RELEASE, KubeKind.HELM_REPOSITORY, KubeKind.HELM_CHART);

  /** Index of the informers: our objects by the configuration they belong to (no full scans). */
  private static final String BY_CONFIGURATION = "configuration";

  private static final String KUSTOMIZE_NAME = "kustomize.toolkit.fluxcd.io/name";
  private static final String KUSTOMIZE_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";

  private final KubeApi kube;
  private final ClusterFacts facts;
  private final Map<KubeKind, SharedIndexInformer<GenericKubernetesResource>> informers =
      new LinkedHashMap<>();

  public FluxCaches(KubeApi kube, ClusterFacts facts) {
    this.kube = kube;
    this.facts = facts;
  }

  /** Starts the informers and waits (up to {@code timeout}) until each has listed once. */
  public void start(Consumer<String> changed, Duration resync, Duration timeout) {
    List<CompletableFuture<Void>> synced = new ArrayList<>();
    for (KubeKind kind : OURS) {
      Optional<String> version =
          kind == KubeKind.SECRET ? Optional.of("v1") : facts.readVersion(kind);
      version.ifPresent(v -> synced.add(start(kind, v, true, changed, resync)));
    }
    for (KubeKind kind : HELM) {
      facts.readVersion(kind).ifPresent(v -> synced.add(start(kind, v, false, changed, resync)));
    }
    try {
      CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the Kubernetes informers did not sync: " + e, e);
    }
  }

  private CompletableFuture<Void> start(
      KubeKind kind, String version, boolean oursOnly, Consumer<String> changed, Duration resync) {
    var all = kube.client().genericKubernetesResources(kind.context(version)).inAnyNamespace();
    SharedIndexInformer<GenericKubernetesResource> informer =
        oursOnly
            ? all.withLabel(ManagedLabels.MANAGED, ManagedLabels.MANAGED_VALUE)
                .runnableInformer(resync.toMillis())
            : all.runnableInformer(resync.toMillis());
    informer.addIndexers(Map.of(BY_CONFIGURATION, FluxCaches::configurationIndex));
    informer.addEventHandler(new Handler(changed));
    informers.put(kind, informer);
    return informer.start().toCompletableFuture();
  }

  public boolean synced() {
    return !informers.isEmpty() && informers.values().stream().allMatch(i -> i.hasSynced());
  }

  /** Whether every object of {@code kind} is cached here (not only ours). */
  public boolean holdsAll(KubeKind kind) {
    return HELM.contains(kind) && informers.containsKey(kind);
  }

  public Optional<GenericKubernetesResource> get(KubeKind kind, String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
    if (informer == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(informer.getIndexer().getByKey(namespace + "/" + name));
  }

  /** Our objects of {@code kind} belonging to configuration {@code config}. */
  public List<GenericKubernetesResource> ownedBy(KubeKind kind, String config) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
    if (informer == null) {
      return List.of();
    }
    return informer.getIndexer().byIndex(BY_CONFIGURATION, config);
  }

  private static List<String> configurationIndex(GenericKubernetesResource object) {
    String config = label(object, ManagedLabels.CONFIGURATION);
    return config == null ? List.of() : List.of(config);
  }

  /** The configuration an object concerns: ours by label, a child through its Kustomization. */
  Optional<String> configurationOf(GenericKubernetesResource object) {
    String own = label(object, ManagedLabels.CONFIGURATION);
    if (own != null) {
      return Optional.of(own);
    }
    if (KubeKind.HELM_CHART.kind().equals(object.getKind())) {
      return releaseOf(object).flatMap(this::configurationOf);
    }
    String kustomization = label(object, KUSTOMIZE_NAME);
    String namespace = label(object, KUSTOMIZE_NAMESPACE);
    if (kustomization == null || namespace == null) {
      return Optional.empty();
    }
    return get(KubeKind.KUSTOMIZATION, namespace, kustomization)
        .map(k -> label(k, ManagedLabels.CONFIGURATION));
  }

  /** helm-controller makes a HelmRelease's chart; the release names it in its status. */
  private Optional<GenericKubernetesResource> releaseOf(GenericKubernetesResource chart) {
    SharedIndexInformer<GenericKubernetesResource> releases = informers.get(KubeKind.HELM_RELEASE);
    if (releases == null) {
      return Optional.empty();
    }
    ChildRef self =
        new ChildRef(
            KubeKind.HELM_CHART.group(),
            KubeKind.HELM_CHART.kind(),
            chart.getMetadata().getNamespace(),
            chart.getMetadata().getName());
    return releases.getStore().list().stream()
        .filter(release -> StatusMapper.chartOf(release).filter(self::equals).isPresent())
        .findFirst();
  }

  static String label(GenericKubernetesResource object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final Consumer<String> changed;

    Handler(Consumer<String> changed) {
      this.changed = changed;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      configurationOf(object).ifPresent(changed);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      configurationOf(after).ifPresent(changed);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      configurationOf(object).ifPresent(changed);
    }
  }
}
