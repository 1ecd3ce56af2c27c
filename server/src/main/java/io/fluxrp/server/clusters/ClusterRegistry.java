package io.fluxrp.server.clusters;

import io.fluxrp.model.agentapi.AgentVersions;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which clusters this server knows. A desired-state write locks its cluster's row before it takes a
 * feed position, and holds the lock until it commits; with auto-registration (the embedded default)
 * an unknown cluster becomes an emulated one on first use. Registering or changing a cluster's kind
 * moves its feed floor to a fresh change-sequence value, so an agent holding an older feed position
 * is answered with a snapshot.
 */
public final class ClusterRegistry {
  private static final int RESTAMP_BATCH = 500;

  private final ClusterStore store;
  private final FluxConfigurationStore configurations;
  private final boolean autoRegisterEmulated;

  public ClusterRegistry(
      ClusterStore store, FluxConfigurationStore configurations, boolean autoRegisterEmulated) {
    this.store = store;
    this.configurations = configurations;
    this.autoRegisterEmulated = autoRegisterEmulated;
  }

  /**
   * The cluster a new or changed configuration belongs to, row-locked for the rest of the
   * transaction; registers it as emulated when auto-registration is on, else 404.
   */
  public Cluster lockForWrite(Tx tx, String clusterId, Instant now) throws SQLException {
    String key = ConfigKey.lower(clusterId);
    Optional<Cluster> cluster = store.findForUpdate(tx, key);
    if (cluster.isPresent()) {
      return cluster.get();
    }
    if (!autoRegisterEmulated) {
      throw new ArmException(
          ArmErrorCode.PARENT_RESOURCE_NOT_FOUND,
          "The cluster '"
              + clusterId
              + "' is not registered with this fluxrp server. Register it first: 'fluxrp clusters"
              + " register "
              + clusterId
              + "' (add '--kind emulated' for a cluster without an agent).");
    }
    register(tx, clusterId, ClusterKind.EMULATED, null, now);
    return store.findForUpdate(tx, key).orElseThrow();
  }

  /**
   * Registers a cluster unless it is registered already; true when this call registered it.
   *
   * @param credentialHash the agent credential's hash (agent clusters), else null
   */
  public boolean register(
      Tx tx, String clusterId, ClusterKind kind, String credentialHash, Instant now)
      throws SQLException {
    Cluster cluster =
        Cluster.registered(
            ConfigKey.lower(clusterId),
            clusterId,
            kind,
            now,
            credentialHash,
            configurations.nextSeq(tx));
    return store.insertIfAbsent(tx, cluster);
  }

  /**
   * Changes the kind of a locked cluster. Its agents start over from a snapshot: the feed floor
   * moves up, and the cluster's configurations move above it, so that every position a snapshot
   * hands out is above the floor.
   */
  public Cluster changeKind(Tx tx, Cluster locked, ClusterKind kind, String credentialHash)
      throws SQLException {
    long floor = configurations.nextSeq(tx);
    restampBelow(tx, locked.key(), floor);
    Cluster changed = locked.withKind(kind, credentialHash, floor);
    store.update(tx, changed);
    return changed;
  }

  private void restampBelow(Tx tx, String clusterKey, long floor) throws SQLException {
    long after = 0;
    while (true) {
      List<StoredConfiguration> batch =
          configurations.changedSince(tx, clusterKey, after, RESTAMP_BATCH);
      for (StoredConfiguration configuration : batch) {
        if (configuration.seq() > floor) {
          return;
        }
        configurations.updateAtNextSeq(tx, configuration);
        after = configuration.seq();
      }
      if (batch.size() < RESTAMP_BATCH) {
        return;
      }
    }
  }

  public Cluster replaceCredential(Tx tx, Cluster locked, String credentialHash)
      throws SQLException {
    Cluster changed = locked.withCredential(credentialHash);
    store.update(tx, changed);
    return changed;
  }

  public void remove(Tx tx, Cluster locked) throws SQLException {
    store.delete(tx, locked.key());
  }

  /** The cluster row-locked, or empty when it is not registered. */
  public Optional<Cluster> lockIfRegistered(Tx tx, String clusterId) throws SQLException {
    return store.findForUpdate(tx, ConfigKey.lower(clusterId));
  }

  public Optional<Cluster> find(Tx tx, String clusterKey) throws SQLException {
    return store.find(tx, clusterKey);
  }

  public Optional<Cluster> findByCredential(Tx tx, String credentialHash) throws SQLException {
    return store.findByCredential(tx, credentialHash);
  }

  public List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException {
    return store.listByKind(tx, kind);
  }

  public List<Cluster> list(Tx tx, String afterKey, int limit) throws SQLException {
    return store.list(tx, afterKey, limit);
  }

  public void recordReport(Tx tx, String clusterKey, Instant at, AgentVersions versions)
      throws SQLException {
    store.recordReport(tx, clusterKey, at, versions);
  }
}
