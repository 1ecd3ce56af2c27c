package io.fluxrp.agent.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.feed.DesiredStates;
import io.fluxrp.agent.feed.Reporter;
import io.fluxrp.agent.fluxobjects.ConfigurationSpec;
import io.fluxrp.agent.fluxobjects.DesiredObjects;
import io.fluxrp.agent.fluxobjects.FluxObjectFactory;
import io.fluxrp.agent.fluxobjects.SshIdentity;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeErrors;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.status.ConfigurationStatus;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.ConfigurationReport.ApplyFailure;
import io.fluxrp.model.agentapi.ConfigurationReport.Outcome;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.json.Json;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one configuration: its desired objects applied (server-side apply, one field
 * manager) unless the cluster holds them already, ours that are no longer desired deleted, and a
 * report of how Flux is doing queued. Deletions go to {@link Deletion}. Called by one worker at a
 * time per configuration.
 */
final class Reconciler {
  private static final List<KubeKind> PRUNABLE =
      List.of(
          KubeKind.KUSTOMIZATION,
          KubeKind.GIT_REPOSITORY,
          KubeKind.BUCKET,
          KubeKind.OCI_REPOSITORY,
          KubeKind.SECRET);
  private static final int CONFLICT_RETRIES = 5;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final KubeApi kube;
  private final FluxCaches caches;
  private final ClusterFacts facts;
  private final DesiredStates desired;
  private final Reporter reporter;
  private final StatusCollector status;
  private final Identities identities;
  private final Deletion deletion;
  private final SharedObjects sharedObjects;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<String, Long> failedGeneration = new ConcurrentHashMap<>();

  Reconciler(
      KubeApi kube,
      FluxCaches caches,
      ClusterFacts facts,
      DesiredStates desired,
      Reporter reporter,
      Deletion deletion,
      SharedObjects sharedObjects) {
    this.kube = kube;
    this.caches = caches;
    this.facts = facts;
    this.desired = desired;
    this.reporter = reporter;
    this.status = new StatusCollector(caches, kube, facts);
    this.identities = new Identities(caches);
    this.deletion = deletion;
    this.sharedObjects = sharedObjects;
  }

  /**
   * @param force apply even when the cluster seems to hold the desired objects (periodic resync:
   *     repairs drift in objects the informers do not watch)
   */
  ReconcileResult reconcile(String name, boolean force) {
    Optional<DesiredEntry> entry = desired.get(name);
    if (entry.isEmpty()) {
      return ReconcileResult.DONE;
    }
    try {
      ReconcileResult result =
          entry.get().deleted() ? deletion.step(entry.get()) : apply(entry.get(), force);
      attempts.remove(name);
      return result;
    } catch (ApplyError e) {
      return failed(entry.get(), e);
    }
  }

  private ReconcileResult apply(DesiredEntry entry, boolean force) {
    FluxConfigurationProperties properties;
    DesiredObjects objects;
    try {
      properties = Json.mapper().treeToValue(entry.properties(), FluxConfigurationProperties.class);
      ConfigurationSpec spec =
          new ConfigurationSpec(entry.name(), entry.generation(), entry.operationId(), properties);
      Optional<SshIdentity> identity = identities.forConfiguration(spec);
      objects = FluxObjectFactory.build(spec, facts.apis(), identity);
    } catch (JsonProcessingException | RuntimeException e) {
      return reportFailure(
          entry, "FluxConfiguration " + entry.name(), "InvalidDesiredState", e.getMessage());
    }
    boolean failedBefore =
        Long.valueOf(entry.generation()).equals(failedGeneration.get(entry.name()));
    if (failedBefore && !force) {
      return ReconcileResult.DONE;
    }
    List<GenericKubernetesResource> undesired = undesired(entry.name(), objects);
    if (force || !undesired.isEmpty() || !inCluster(objects)) {
      write(objects, force);
      prune(undesired);
    }
    failedGeneration.remove(entry.name());
    report(entry, properties, objects);
    return ReconcileResult.DONE;
  }

  private void write(DesiredObjects objects, boolean force) {
    for (GenericKubernetesResource object : objects.objects()) {
      boolean shared = SharedObjects.isShared(object);
      if (shared && !force && sharedObjects.writtenAlready(object)) {
        continue;
      }
      try {
        if ("Namespace".equals(object.getKind())) {
          kube.createNamespaceIfMissing(object);
        } else {
          kube.apply(object);
        }
      } catch (KubernetesClientException e) {
        throw new ApplyError(object, e);
      }
      if (shared) {
        sharedObjects.written(object);
      }
    }
  }

  /** Deletes our objects of this configuration that are no longer desired. */
  private void prune(List<GenericKubernetesResource> undesired) {
    for (GenericKubernetesResource stale : undesired) {
      try {
        kube.delete(stale);
      } catch (KubernetesClientException e) {
        throw new ApplyError(stale, e);
      }
    }
  }

  private List<GenericKubernetesResource> undesired(String name, DesiredObjects objects) {
    Set<String> wanted = new HashSet<>();
    objects.objects().forEach(o -> wanted.add(key(o)));
    return PRUNABLE.stream()
        .flatMap(kind -> caches.ownedBy(kind, name).stream())
        .filter(o -> !wanted.contains(key(o)))
        .toList();
  }

  /** True when every desired object the informers watch is there as desired. */
  private boolean inCluster(DesiredObjects objects) {
    for (GenericKubernetesResource object : objects.objects()) {
      KubeKind kind = KubeKind.of(object);
      if (PRUNABLE.contains(kind)
          && !Drift.matches(
              object,
              caches
                  .get(kind, object.getMetadata().getNamespace(), object.getMetadata().getName())
                  .orElse(null))) {
        return false;
      }
    }
    return true;
  }

  private void report(
      DesiredEntry entry, FluxConfigurationProperties properties, DesiredObjects objects) {
    ConfigurationStatus observed = status.collect(entry.name(), properties);
    String sourceKind = StatusCollector.sourceKind(properties.sourceKind()).kind();
    reporter.offer(
        new ConfigurationReport(
            entry.name(),
            entry.generation(),
            Outcome.APPLIED,
            null,
            DeployKeyHint.apply(observed.statuses(), sourceKind, objects.repositoryPublicKey()),
            observed.complianceState(),
            observed.sourceSyncedCommitId(),
            observed.sourceUpdatedAt(),
            objects.repositoryPublicKey()));
  }

  private ReconcileResult failed(DesiredEntry entry, ApplyError error) {
    KubernetesClientException cause = error.kubernetes();
    int attempt = attempts.merge(entry.name(), 1, Integer::sum);
    switch (KubeErrors.classify(cause)) {
      case CONFLICT -> {
        if (attempt <= CONFLICT_RETRIES) {
          return ReconcileResult.retryAfter(Duration.ZERO);
        }
        return ReconcileResult.retryAfter(backoff(attempt));
      }
      case TRANSIENT -> {
        LOG.warn(
            "{}: {} (retry {} in {})", entry.name(), error.getMessage(), attempt, backoff(attempt));
        return ReconcileResult.retryAfter(backoff(attempt));
      }
      default -> {
        attempts.remove(entry.name());
        return reportFailure(
            entry, error.object(), KubeErrors.reason(cause), KubeErrors.message(cause));
      }
    }
  }

  private ReconcileResult reportFailure(
      DesiredEntry entry, String object, String reason, String message) {
    LOG.warn(
        "{} generation {}: {}: {}: {}", entry.name(), entry.generation(), object, reason, message);
    failedGeneration.put(entry.name(), entry.generation());
    reporter.offer(
        new ConfigurationReport(
            entry.name(),
            entry.generation(),
            Outcome.APPLY_FAILED,
            new ApplyFailure(object, reason, message),
            List.of(),
            null,
            null,
            null,
            null));
    return ReconcileResult.DONE;
  }

  /** Forgets per-configuration memory once a configuration is gone. */
  void forget(String name) {
    attempts.remove(name);
    failedGeneration.remove(name);
    identities.forget(name);
    deletion.forget(name);
  }

  static Duration backoff(int attempt) {
    Duration delay = Duration.ofSeconds(1);
    for (int i = 1; i < attempt && delay.compareTo(MAX_BACKOFF) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  static String key(GenericKubernetesResource object) {
    return object.getKind()
        + "/"
        + object.getMetadata().getNamespace()
        + "/"
        + object.getMetadata().getName();
  }
}
