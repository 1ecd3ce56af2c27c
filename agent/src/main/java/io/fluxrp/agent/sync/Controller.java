package io.fluxrp.agent.sync;

import io.fluxrp.agent.feed.DesiredStates;
import io.fluxrp.agent.feed.Reporter;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.DesiredEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster side of the agent: informers, the work queue, the loop threads and the periodic
 * resync, around one {@link Reconciler}.
 */
public final class Controller implements AutoCloseable {
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

  private final DesiredStates desired;
  private final FluxCaches caches;
  private final WorkQueue queue = new WorkQueue();
  private final Reconciler reconciler;
  private final Workers workers;
  private final Reporter reporter;
  private final ScheduledExecutorService resync;

  public Controller(
      KubeApi kube,
      ClusterFacts facts,
      DesiredStates desired,
      Reporter reporter,
      Clock clock,
      int workerCount,
      Duration deleteStepTimeout) {
    this.desired = desired;
    this.reporter = reporter;
    this.caches = new FluxCaches(kube, facts);
    SharedObjects shared = new SharedObjects();
    Deletion deletion =
        new Deletion(kube, caches, desired, reporter, clock, deleteStepTimeout, shared);
    this.reconciler = new Reconciler(kube, caches, facts, desired, reporter, deletion, shared);
    this.workers = new Workers(queue, reconciler, workerCount);
    this.resync =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fluxrp-agent-resync");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts the informers and waits until they have synced, then the loop threads with every known
   * configuration queued, and the periodic resync.
   */
  public void start(Duration resyncInterval) {
    caches.start(queue::add, resyncInterval, SYNC_TIMEOUT);
    workers.start();
    desired.names().forEach(queue::add);
    resync.scheduleWithFixedDelay(
        () -> desired.names().forEach(workers::resync),
        resyncInterval.toMillis(),
        resyncInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The feed changed a configuration's desired state. */
  public void changed(String name) {
    queue.add(name);
  }

  /** A report reached the server: a finished deletion lets the configuration go. */
  public void delivered(ConfigurationReport report) {
    if (report.outcome() != ConfigurationReport.Outcome.DELETED) {
      return;
    }
    boolean stillThatDeletion =
        desired
            .get(report.name())
            .filter(DesiredEntry::deleted)
            .filter(e -> e.generation() == report.generation())
            .isPresent();
    if (stillThatDeletion) {
      desired.remove(report.name());
      reconciler.forget(report.name());
      reporter.forget(report.name());
    }
  }

  public boolean synced() {
    return caches.synced();
  }

  public boolean alive() {
    return workers.alive();
  }

  /** Configurations waiting or being worked on. */
  public int pending() {
    return queue.pending();
  }

  @Override
  public void close() {
    resync.shutdownNow();
    queue.close();
    workers.close();
    caches.close();
  }
}
