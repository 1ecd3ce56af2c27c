package io.fluxrp.server.agentapi;

import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.model.agentapi.ReportResult;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster side of the protocol after the transport: the agent API's handlers and the in-process
 * emulated clusters both come here, so real and emulated clusters share every code path.
 */
public final class AgentProtocol implements AutoCloseable {
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);
  public static final int MAX_PAGE = 500;

  private final Database database;
  private final ClusterRegistry clusters;
  private final DesiredStateFeed feed;
  private final ReportService reports;
  private final FeedWaiters waiters;

  public AgentProtocol(
      Database database,
      ClusterRegistry clusters,
      DesiredStateFeed feed,
      ReportService reports,
      ClusterChangeSignal signal) {
    this.database = database;
    this.clusters = clusters;
    this.feed = feed;
    this.reports = reports;
    this.waiters = new FeedWaiters(signal);
  }

  /**
   * The cluster's changes after {@code since}; when there are none, waits up to {@code wait} for
   * one, then answers with no entries and the same position. A snapshot is answered at once.
   */
  public DesiredPage desired(String clusterKey, long since, Duration wait, int limit) {
    long deadline = System.nanoTime() + Math.min(wait.toNanos(), MAX_WAIT.toNanos());
    while (true) {
      var change = waiters.nextChange(clusterKey);
      Optional<DesiredPage> page = read(clusterKey, since, limit);
      if (page.isEmpty()) {
        return new DesiredPage(null, since, false, false, List.of());
      }
      long remaining = deadline - System.nanoTime();
      if (!page.get().entries().isEmpty()
          || page.get().snapshot()
          || remaining <= 0
          || waiters.closed()
          || !waiters.await(change, remaining)) {
        return page.get();
      }
    }
  }

  /** Takes in a cluster's report; see {@link ReportService}. */
  public List<ReportResult> report(String clusterKey, AgentReport report) {
    return reports.ingest(clusterKey, report);
  }

  /** Feed requests waiting for a change right now. */
  public int waiting() {
    return waiters.waiting();
  }

  /** Empty when the cluster is no longer registered. */
  private Optional<DesiredPage> read(String clusterKey, long since, int limit) {
    return database.read(
        tx -> {
          Optional<Cluster> cluster = clusters.find(tx, clusterKey);
          if (cluster.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(feed.read(tx, cluster.get(), since, limit));
        });
  }

  /** Wakes every waiting feed request, so that stopping the server does not wait for them. */
  @Override
  public void close() {
    waiters.close();
  }
}
