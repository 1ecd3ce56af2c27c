package io.fluxrp.server.clusters;

import io.fluxrp.model.agentapi.AgentVersions;
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

  /** The cluster whose agent credential has this {@link AgentCredentials#hash}. */
  Optional<Cluster> findByCredential(Tx tx, String credentialHash) throws SQLException;

  /** Registers the cluster unless one with its key exists; true when this call inserted it. */
  boolean insertIfAbsent(Tx tx, Cluster cluster) throws SQLException;

  /** Stores kind, credential and feed floor of an existing cluster. */
  void update(Tx tx, Cluster cluster) throws SQLException;

  void delete(Tx tx, String key) throws SQLException;

  /** Sets when the cluster last reported and, unless {@code versions} is null, what it runs. */
  void recordReport(Tx tx, String key, Instant at, AgentVersions versions) throws SQLException;

  List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException;

  /** One page of all clusters ordered by key, after {@code afterKey} (null: from the start). */
  List<Cluster> list(Tx tx, String afterKey, int limit) throws SQLException;
}
