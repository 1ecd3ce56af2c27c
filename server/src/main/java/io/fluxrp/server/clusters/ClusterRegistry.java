package io.fluxrp.server.clusters;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which clusters this server knows. A desired-state write locks its cluster's row first; with
 * auto-registration (the embedded default) an unknown cluster becomes an emulated one on first use.
 */
public final class ClusterRegistry {
  private final ClusterStore store;
  private final boolean autoRegisterEmulated;

  public ClusterRegistry(ClusterStore store, boolean autoRegisterEmulated) {
    this.store = store;
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
              + "' is not registered with this fluxrp server. Register it (as an emulated cluster, or"
              + " for a real cluster's agent) before creating Flux configurations on it.");
    }
    store.insertIfAbsent(tx, new Cluster(key, clusterId, ClusterKind.EMULATED, now, null));
    return store.findForUpdate(tx, key).orElseThrow();
  }

  /** The cluster row-locked, or empty when it is not registered. */
  public Optional<Cluster> lockIfRegistered(Tx tx, String clusterId) throws SQLException {
    return store.findForUpdate(tx, ConfigKey.lower(clusterId));
  }

  public Optional<Cluster> find(Tx tx, String clusterKey) throws SQLException {
    return store.find(tx, clusterKey);
  }

  public java.util.List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException {
    return store.listByKind(tx, kind);
  }

  public void recordReport(Tx tx, String clusterKey, Instant at) throws SQLException {
    store.recordReport(tx, clusterKey, at);
  }
}
