package io.fluxrp.server.agentapi;

import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.util.List;

/**
 * A cluster's desired state as a feed ordered by change sequence. Reading from position 0 gives a
 * complete snapshot (live configurations plus deletions not yet confirmed); reading from the last
 * position seen gives what changed since. Within one cluster positions follow commit order (every
 * write takes its position after locking the cluster's row and commits before releasing it), so a
 * reader never skips a change.
 */
public final class DesiredStateFeed {
  private final FluxConfigurationStore configurations;

  public DesiredStateFeed(FluxConfigurationStore configurations) {
    this.configurations = configurations;
  }

  /**
   * One page after {@code since}. A snapshot replaces the incremental read when {@code since} is 0,
   * below the cluster's feed floor (the agent's position predates the cluster's registration or
   * last change of kind), or above every position ever handed out (the position is not ours).
   */
  public DesiredPage read(Tx tx, Cluster cluster, long since, int limit) throws SQLException {
    boolean snapshot = since <= 0 || since < cluster.feedFloor();
    // one row more than asked tells whether another page follows
    List<StoredConfiguration> rows =
        configurations.changedSince(tx, cluster.key(), snapshot ? 0 : since, limit + 1);
    if (!snapshot && rows.isEmpty() && since > configurations.seqCeiling(tx)) {
      snapshot = true;
      rows = configurations.changedSince(tx, cluster.key(), 0, limit + 1);
    }
    boolean more = rows.size() > limit;
    List<DesiredEntry> entries = rows.stream().limit(limit).map(DesiredStateFeed::entry).toList();
    long position;
    if (!entries.isEmpty()) {
      position = entries.get(entries.size() - 1).seq();
    } else {
      // an empty snapshot: continue from the floor, below every position the cluster will get
      position = snapshot ? cluster.feedFloor() : since;
    }
    return new DesiredPage(cluster.clusterId(), position, snapshot, more, entries);
  }

  private static DesiredEntry entry(StoredConfiguration c) {
    return new DesiredEntry(
        c.name(),
        c.resourceId(),
        c.seq(),
        c.generation(),
        c.currentOperationId(),
        c.lifecycle() != Lifecycle.ACTIVE,
        c.lifecycle() == Lifecycle.FORCE_DELETED,
        c.properties(),
        c.reported().generation());
  }
}
