package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test-only stand-in for source-controller and kustomize-controller on a {@link TestKubernetes}.
 * It watches GitRepositories, Buckets, OCIRepositories and Kustomizations in all namespaces and,
 * like Flux, adds the finalizer {@value #FINALIZER}, writes status through the status subresource
 * (stamped with the generation it handled), leaves suspended objects' status alone, makes a
 * Kustomization wait for its source's artifact and its {@code dependsOn}, applies a Kustomization's
 * children and prunes them on deletion when {@code spec.prune} is set.
 *
 * <p>What each object does is programmable ({@link #behave}); the default is {@link
 * Behaviour#ready()}. Artifacts are made up: revisions follow RFC-0005 and change only with the
 * source's URL/ref or {@link #pushNewRevision}. Reconciliations happen on watch events only (no
 * interval timer), one at a time. The apiVersion of each kind is read from the CRDs at start, so
 * call {@link TestKubernetes#serveOnlyV1beta2} before starting.
 */
public final class FakeFlux implements AutoCloseable {

  /** The User-Agent of every request the fake controllers make. */
  public static final String USER_AGENT = "fake-flux";

  public static final String FINALIZER = "finalizers.fluxcd.io";

  private static final Logger LOG = LoggerFactory.getLogger(FakeFlux.class);
  private static final Duration RETRY = Duration.ofMillis(100);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private record Rule(Predicate<GenericKubernetesResource> selector, Behaviour behaviour) {}

  private final KubernetesClient client;
  private final FluxObjects objects;
  private final KustomizationController kustomizations;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("fake-flux").unstarted(runnable));
  private final Set<FluxKey> queued = ConcurrentHashMap.newKeySet();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Map<FluxKey, Integer> publishedRevisions = new ConcurrentHashMap<>();
  private final Map<FluxKey, Instant> deletionsSeen = new ConcurrentHashMap<>();
  private final Map<FluxKey, String> seenVersions = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean paused;
  private volatile Duration finalizeDelay = Duration.ZERO;

  private FakeFlux(KubernetesClient client) {
    this.client = client;
    this.objects = new FluxObjects(client);
    this.kustomizations = new KustomizationController(objects);
  }

  /** Starts the fake controllers with a client of their own on {@code kubernetes}. */
  public static FakeFlux start(TestKubernetes kubernetes) {
    FakeFlux flux = new FakeFlux(kubernetes.newClient(USER_AGENT));
    Stream.concat(FluxObjects.SOURCE_KINDS.stream(), Stream.of(FluxObjects.KUSTOMIZATION))
        .forEach(
            kind ->
                flux.informers.put(
                    kind, flux.objects.of(kind).inAnyNamespace().inform(flux.handler())));
    return flux;
  }

  /** From now on, the object {@code kind} {@code namespace}/{@code name} behaves so. */
  public FakeFlux behave(String kind, String namespace, String name, Behaviour behaviour) {
    return behave(
        object ->
            kind.equals(object.getKind())
                && namespace.equals(object.getMetadata().getNamespace())
                && name.equals(object.getMetadata().getName()),
        behaviour);
  }

  /**
   * From now on, objects matching {@code selector} behave so (the latest matching rule wins); every
   * object is reconciled again, so a changed behaviour shows in the status.
   */
  public FakeFlux behave(Predicate<GenericKubernetesResource> selector, Behaviour behaviour) {
    rules.add(new Rule(selector, behaviour));
    requeueAll();
    return this;
  }

  /** Stops reconciling, as if the controllers were down: spec changes stay unobserved. */
  public void pause() {
    paused = true;
  }

  /** Reconciles again, every object at once. */
  public void resume() {
    paused = false;
    requeueAll();
  }

  /** How long after deletion a finalizer is removed (default: at once). */
  public void finalizeDelay(Duration delay) {
    finalizeDelay = delay;
  }

  /** A new commit (or OCI digest, or bucket content) appears in the source's upstream. */
  public void pushNewRevision(String kind, String namespace, String name) {
    FluxKey key = new FluxKey(kind, namespace, name);
    publishedRevisions.merge(key, 1, Integer::sum);
    enqueue(key);
  }

  /**
   * The apiVersion the cluster serves {@code kind} in, e.g. {@code source.toolkit.fluxcd.io/v1}.
   */
  public String apiVersion(String kind) {
    return objects.apiVersion(kind);
  }

  /** The object as stored now, or null. */
  public GenericKubernetesResource get(String kind, String namespace, String name) {
    return objects.find(kind, namespace, name).orElse(null);
  }

  /**
   * Waits until the object's condition {@code type} has {@code status} for its current generation
   * and returns the object.
   */
  public GenericKubernetesResource awaitCondition(
      String kind, String namespace, String name, String type, String status) {
    return awaitCondition(kind, namespace, name, type, status, null);
  }

  /**
   * Waits until the object's condition {@code type} has {@code status} and {@code reason} (any
   * reason if null) for its current generation and returns the object.
   */
  public GenericKubernetesResource awaitCondition(
      String kind, String namespace, String name, String type, String status, String reason) {
    return Await.value(
        kind + " " + namespace + "/" + name + " " + type + "=" + status + " " + reason,
        () -> get(kind, namespace, name),
        object ->
            object != null
                && Conditions.isObserved(object)
                && condition(object, type)
                    .filter(c -> status.equals(c.get("status")))
                    .filter(c -> reason == null || reason.equals(c.get("reason")))
                    .isPresent());
  }

  /** Waits until the object is Ready=True for its current generation and returns it. */
  public GenericKubernetesResource awaitReady(String kind, String namespace, String name) {
    return awaitCondition(kind, namespace, name, Conditions.READY, Conditions.TRUE);
  }

  /**
   * Waits until the controllers have seen every change to the objects they watch and have nothing
   * left to do (no reconciliation queued, running or scheduled), e.g. to assert that something did
   * not happen.
   */
  public void awaitIdle() {
    Await.until("FakeFlux idle", this::idle);
  }

  /** Waits until the object no longer exists. */
  public void awaitGone(String kind, String namespace, String name) {
    Await.until(
        kind + " " + namespace + "/" + name + " gone", () -> get(kind, namespace, name) == null);
  }

  /** The condition of {@code type} in {@code object}'s status, if it has one. */
  public static Optional<Map<String, Object>> condition(
      GenericKubernetesResource object, String type) {
    return Conditions.find(object, type);
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  private ResourceEventHandler<GenericKubernetesResource> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        changed(object, object.getMetadata().getResourceVersion());
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
        changed(object, object.getMetadata().getResourceVersion());
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        changed(object, null);
      }
    };
  }

  /**
   * Requeues the object and the Kustomizations that wait for it (as source or dependency), then
   * records the version seen, so that {@link #awaitIdle} knows the event has been queued.
   */
  private void changed(GenericKubernetesResource object, String resourceVersion) {
    FluxKey key = FluxKey.of(object);
    enqueue(key);
    for (GenericKubernetesResource kustomization : cached(FluxObjects.KUSTOMIZATION)) {
      if (waitsFor(kustomization, key)) {
        enqueue(FluxKey.of(kustomization));
      }
    }
    if (resourceVersion == null) {
      seenVersions.remove(key);
    } else {
      seenVersions.put(key, resourceVersion);
    }
  }

  /** Whether every watched object's latest version has been seen and nothing is left to do. */
  private boolean idle() {
    if (pending.get() > 0) {
      return false;
    }
    Map<FluxKey, String> stored = new HashMap<>();
    for (String kind : informers.keySet()) {
      objects
          .of(kind)
          .inAnyNamespace()
          .list()
          .getItems()
          .forEach(o -> stored.put(FluxKey.of(o), o.getMetadata().getResourceVersion()));
    }
    return stored.equals(seenVersions) && pending.get() == 0;
  }

  private static boolean waitsFor(GenericKubernetesResource kustomization, FluxKey key) {
    String namespace = kustomization.getMetadata().getNamespace();
    if (key.kind().equals(FluxObjects.KUSTOMIZATION)) {
      return kustomization.get("spec", "dependsOn") instanceof List<?> dependencies
          && dependencies.stream()
              .map(d -> (Map<?, ?>) d)
              .anyMatch(
                  d ->
                      key.name().equals(d.get("name"))
                          && key.namespace()
                              .equals(Objects.requireNonNullElse(d.get("namespace"), namespace)));
    }
    return key.kind().equals(kustomization.get("spec", "sourceRef", "kind"))
        && key.name().equals(kustomization.get("spec", "sourceRef", "name"))
        && key.namespace()
            .equals(
                Objects.requireNonNullElse(
                    kustomization.get("spec", "sourceRef", "namespace"), namespace));
  }

  private List<GenericKubernetesResource> cached(String kind) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
    return informer == null ? List.of() : informer.getStore().list();
  }

  private void requeueAll() {
    informers.keySet().forEach(kind -> cached(kind).forEach(o -> enqueue(FluxKey.of(o))));
  }

  private void enqueue(FluxKey key) {
    if (!executor.isShutdown() && queued.add(key)) {
      submit(
          () -> {
            queued.remove(key);
            reconcileSafely(key);
          },
          Duration.ZERO);
    }
  }

  private void enqueueAfter(FluxKey key, Duration delay) {
    if (!executor.isShutdown()) {
      submit(() -> enqueue(key), delay);
    }
  }

  /** Runs {@code task} on the controller thread, counted as pending until it has run. */
  private void submit(Runnable task, Duration delay) {
    pending.incrementAndGet();
    Runnable counted =
        () -> {
          try {
            task.run();
          } finally {
            pending.decrementAndGet();
          }
        };
    try {
      executor.schedule(counted, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      pending.decrementAndGet();
    }
  }

  private void reconcileSafely(FluxKey key) {
    try {
      reconcile(key);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        // 409: the object changed under us; anything else: retry as a controller would
        LOG.debug("reconciling {} failed, retrying: {}", key, e.getMessage());
        enqueueAfter(key, RETRY);
      }
    } catch (RuntimeException e) {
      LOG.warn("reconciling {} failed, retrying", key, e);
      enqueueAfter(key, RETRY);
    }
  }

  private void reconcile(FluxKey key) {
    if (paused) {
      return;
    }
    Optional<GenericKubernetesResource> found = objects.find(key);
    if (found.isEmpty()) {
      deletionsSeen.remove(key);
      return;
    }
    GenericKubernetesResource object = found.get();
    Behaviour behaviour = behaviourOf(object);
    if (object.isMarkedForDeletion()) {
      finalizeDeletion(key, object, behaviour);
      return;
    }
    if (!object.getFinalizers().contains(FINALIZER)) {
      List<String> finalizers = new ArrayList<>(object.getFinalizers());
      finalizers.add(FINALIZER);
      object.getMetadata().setFinalizers(finalizers);
      object = objects.update(object);
    }
    if (Boolean.TRUE.equals(object.get("spec", "suspend"))) {
      return;
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> status =
        key.kind().equals(FluxObjects.KUSTOMIZATION)
            ? kustomizations.reconcile(object, behaviour, now)
            : SourceStatus.compute(
                object, behaviour.outcome(), publishedRevisions.getOrDefault(key, 0), now);
    if (!sameJson(status, Conditions.status(object))) {
      object.setAdditionalProperty("status", status);
      objects.updateStatus(object);
    }
  }

  private void finalizeDeletion(
      FluxKey key, GenericKubernetesResource object, Behaviour behaviour) {
    if (!object.getFinalizers().contains(FINALIZER) || behaviour.finalizerStuck()) {
      return;
    }
    Instant now = Instant.now();
    Instant due = deletionsSeen.computeIfAbsent(key, k -> now).plus(finalizeDelay);
    if (now.isBefore(due)) {
      enqueueAfter(key, Duration.between(now, due));
      return;
    }
    if (key.kind().equals(FluxObjects.KUSTOMIZATION)) {
      kustomizations.finalizeDeletion(object);
    }
    object
        .getMetadata()
        .setFinalizers(object.getFinalizers().stream().filter(f -> !f.equals(FINALIZER)).toList());
    objects.update(object);
    deletionsSeen.remove(key);
  }

  private Behaviour behaviourOf(GenericKubernetesResource object) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).selector().test(object)) {
        return rules.get(i).behaviour();
      }
    }
    return Behaviour.ready();
  }

  /** Equality as JSON, so that an Integer read back equals the Long that was written. */
  private static boolean sameJson(Object a, Object b) {
    return SERIALIZATION
        .unmarshal(SERIALIZATION.asJson(a), Object.class)
        .equals(SERIALIZATION.unmarshal(SERIALIZATION.asJson(b), Object.class));
  }
}
