package io.fluxrp.server.agentapi;

import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Database;
import java.util.List;

/**
 * A cluster's desired state as a feed ordered by change sequence. Reading from position 0 gives a
 * complete snapshot (live configurations plus deletions not yet confirmed); reading from the last
 * position seen gives what changed since.
 */
public final class DesiredStateFeed {
  private final Database database;
  private final FluxConfigurationStore configurations;

  public DesiredStateFeed(Database database, FluxConfigurationStore configurations) {
    this.database = database;
    this.configurations = configurations;
  }

  /**
   * @param position the feed position after this page (the last entry's seq, or {@code afterSeq})
   * @param more another page follows right away
   */
  public record Page(List<DesiredEntry> entries, long position, boolean more) {}

  public Page read(String clusterKey, long afterSeq, int limit) {
    List<StoredConfiguration> rows =
        database.read(tx -> configurations.changedSince(tx, clusterKey, afterSeq, limit));
    List<DesiredEntry> entries = rows.stream().map(DesiredStateFeed::entry).toList();
    long position = entries.isEmpty() ? afterSeq : entries.get(entries.size() - 1).seq();
    return new Page(entries, position, rows.size() == limit);
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
