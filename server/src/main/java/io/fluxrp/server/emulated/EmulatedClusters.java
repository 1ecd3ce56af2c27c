package io.fluxrp.server.emulated;

import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.server.agentapi.AgentProtocol;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterKind;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.WorkLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>When several server instances share one database, the worker of only one of them plays the
 * emulated clusters: the one holding the {@value #LEASE} lease ({@link WorkLeases}). The others
 * keep asking for it; when the holder dies its lease expires after {@link #LEASE_TTL}, another
 * instance takes over and starts again from a snapshot of every emulated cluster, so the operations
 * the dead instance left in flight finish.
 */
public final class EmulatedClusters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatedClusters.class);
  static final String LEASE = "emulated-clusters";
  static final Duration LEASE_TTL = Duration.ofSeconds(15);

  /** Queued instead of a cluster key: read the list of emulated clusters and queue each. */
  private static final String RESCAN = "";

  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final Database database;
  private final ClusterRegistry clusters;
  private final AgentProtocol protocol;
  private final Clock clock;
  private final WorkLeases leases;
  private Instant renewAt;
  private volatile Instant leaseUntil;
  private long backoffMillis;
  private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> positions = new ConcurrentHashMap<>();
  private volatile Thread worker;

  public EmulatedClusters(
      Database database,
      ClusterRegistry clusters,
      AgentProtocol protocol,
      ClusterChangeSignal signal,
      Clock clock,
      WorkLeases leases) {
    this.database = database;
    this.clusters = clusters;
    this.protocol = protocol;
    this.clock = clock;
    this.leases = leases;
    signal.subscribe(this::enqueue);
    signal.subscribeToEverything(() -> enqueue(RESCAN));
  }

  /**
   * Starts the worker; once it holds the lease it reads every emulated cluster's feed from a
   * snapshot.
   */
  public void start() {
    worker = Thread.ofPlatform().name("emulated-clusters").daemon().start(this::run);
  }

  /** True while this instance's worker holds the lease (plays the emulated clusters). */
  public boolean leading() {
    return leaseUntil != null;
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
        if (!holdLease()) {
          if (clusterKey != null) {
            queued.remove(clusterKey); // the lease holder plays it
          }
          continue;
        }
      } catch (InterruptedException e) {
        return;
      }
      if (clusterKey != null) {
        queued.remove(clusterKey);
        process(clusterKey);
      }
    }
  }

  private void process(String clusterKey) {
    try {
      if (clusterKey.equals(RESCAN)) {
        queueEveryEmulatedCluster();
      } else {
        sync(clusterKey);
      }
    } catch (RuntimeException e) {
      LOG.warn("emulated cluster {} could not sync; retrying", clusterKey, e);
      retryLater(clusterKey);
    }
  }

  private void queueEveryEmulatedCluster() {
    database
        .read(tx -> clusters.listByKind(tx, ClusterKind.EMULATED))
        .forEach(c -> enqueue(c.key()));
  }

  /**
   * Takes or renews the lease when due (a third of its time has passed); true while this instance
   * holds it. Waits with a growing pause while the database cannot be reached.
   */
  private boolean holdLease() throws InterruptedException {
    Instant now = Time.now(clock);
    if (leaseUntil != null && now.isBefore(renewAt)) {
      return true;
    }
    try {
      boolean held = leases.tryAcquire(LEASE, LEASE_TTL);
      if (held && leaseUntil == null) {
        LOG.info("playing the emulated clusters (lease {} taken by {})", LEASE, leases.owner());
        positions.clear();
        enqueue(RESCAN);
      }
      leaseUntil = held ? now.plus(LEASE_TTL) : null;
      renewAt = now.plus(LEASE_TTL.dividedBy(3));
      backoffMillis = 0;
    } catch (RuntimeException e) {
      if (leaseUntil != null && !now.isBefore(leaseUntil)) {
        leaseUntil = null; // expired while the database was away: another instance may have it
      }
      backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(250, backoffMillis * 2));
      LOG.debug("cannot renew lease {}; next attempt in {} ms", LEASE, backoffMillis, e);
      Thread.sleep(backoffMillis);
    }
    return leaseUntil != null;
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

  /** Stops the worker and gives the lease up, so another instance takes over at once. */
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
      if (leaseUntil != null) {
        try {
          leases.release(LEASE);
        } catch (RuntimeException e) {
          LOG.debug("cannot release lease {}; it expires by itself", LEASE, e);
        }
      }
    }
  }
}
