package io.fluxrp.server.emulated;

import io.fluxrp.server.agentapi.AgentProtocol;
import io.fluxrp.server.agentapi.AgentReport;
import io.fluxrp.server.agentapi.ConfigurationReport;
import io.fluxrp.server.agentapi.DesiredEntry;
import io.fluxrp.server.agentapi.DesiredPage;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterKind;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in stand-in for clusters without an agent. It reads each emulated cluster's
 * desired-state feed and reports through {@link AgentProtocol}, the same code the agent API's
 * handlers call, so operations complete because the cluster side reported, never by a shortcut. One
 * worker thread serves every emulated cluster; it starts from a snapshot of each, so work left over
 * by a stopped server is finished after a restart.
 */
public final class EmulatedClusters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatedClusters.class);
  private static final int PAGE = 500;

  private final Database database;
  private final ClusterRegistry clusters;
  private final AgentProtocol protocol;
  private final Clock clock;
  private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> positions = new ConcurrentHashMap<>();
  private volatile Thread worker;

  public EmulatedClusters(
      Database database,
      ClusterRegistry clusters,
      AgentProtocol protocol,
      ClusterChangeSignal signal,
      Clock clock) {
    this.database = database;
    this.clusters = clusters;
    this.protocol = protocol;
    this.clock = clock;
    signal.subscribe(this::enqueue);
  }

  /** Starts the worker and queues every emulated cluster for a full snapshot. */
  public void start() {
    database
        .read(tx -> clusters.listByKind(tx, ClusterKind.EMULATED))
        .forEach(c -> enqueue(c.key()));
    worker = Thread.ofPlatform().name("emulated-clusters").daemon().start(this::run);
  }

  /**
   * Processes a cluster's feed right now on the calling thread (when no worker runs, this is how
   * the emulated clusters move on).
   */
  public void sync(String clusterKey) {
    if (!isEmulated(clusterKey)) {
      return;
    }
    DesiredPage page;
    do {
      long position = positions.getOrDefault(clusterKey, 0L);
      page = protocol.desired(clusterKey, position, Duration.ZERO, AgentProtocol.MAX_PAGE);
      List<ConfigurationReport> batch = new ArrayList<>();
      for (DesiredEntry entry : page.entries()) {
        if (entry.deleted() || entry.reportedGeneration() != entry.generation()) {
          batch.add(EmulatedFlux.report(entry, Time.now(clock)));
        }
      }
      if (!batch.isEmpty()) {
        protocol.report(clusterKey, new AgentReport(null, batch));
      }
      positions.put(clusterKey, page.seq());
    } while (page.more());
  }

  /** {@link #sync} of every emulated cluster, on the calling thread. */
  public void syncAll() {
    database.read(tx -> clusters.listByKind(tx, ClusterKind.EMULATED)).forEach(c -> sync(c.key()));
  }

  private void enqueue(String clusterKey) {
    if (queued.add(clusterKey)) {
      pending.add(clusterKey);
    }
  }

  /** Looked up each time: an admin may change a cluster's kind at any moment. */
  private boolean isEmulated(String clusterKey) {
    return database
        .read(tx -> clusters.find(tx, clusterKey))
        .map(c -> c.kind() == ClusterKind.EMULATED)
        .orElse(false);
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      String clusterKey;
      try {
        clusterKey = pending.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (clusterKey == null) {
        continue;
      }
      queued.remove(clusterKey);
      try {
        sync(clusterKey);
      } catch (RuntimeException e) {
        LOG.warn("emulated cluster {} could not sync; retrying", clusterKey, e);
        retryLater(clusterKey);
      }
    }
  }

  private void retryLater(String clusterKey) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(1000);
                enqueue(clusterKey);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  @Override
  public void close() {
    Thread running = worker;
    if (running != null) {
      running.interrupt();
      try {
        running.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
