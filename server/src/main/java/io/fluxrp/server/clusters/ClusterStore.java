package io.fluxrp.server.clusters;

import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of registered clusters. */
public interface ClusterStore {

  Optional<Cluster> find(Tx tx, String key) throws SQLException;

  /**
   * Reads and row-locks the cluster. Every desired-state write of a cluster's configurations takes
   * this lock first, so the change sequence within one cluster follows commit order.
   */
  Optional<Cluster> findForUpdate(Tx tx, String key) throws SQLException;

  /** Registers the cluster unless one with its key exists; true when this call inserted it. */
  boolean insertIfAbsent(Tx tx, Cluster cluster) throws SQLException;

  void recordReport(Tx tx, String key, Instant at) throws SQLException;

  List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException;
}
