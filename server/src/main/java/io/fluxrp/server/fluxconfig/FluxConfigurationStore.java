package io.fluxrp.server.fluxconfig;

import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Persistence of configurations and of each cluster's change feed over them. */
public interface FluxConfigurationStore {

  Optional<StoredConfiguration> find(Tx tx, ConfigKey key) throws SQLException;

  /** Reads and row-locks the configuration until the transaction ends. */
  Optional<StoredConfiguration> findForUpdate(Tx tx, ConfigKey key) throws SQLException;

  void insert(Tx tx, StoredConfiguration configuration) throws SQLException;

  /** Replaces the row with this key; fails if there is none. */
  void update(Tx tx, StoredConfiguration configuration) throws SQLException;

  /**
   * Inserts the row at the next value of the change sequence, taken by the insert itself (its
   * {@code seq} is ignored); returns it as stored.
   */
  StoredConfiguration insertAtNextSeq(Tx tx, StoredConfiguration configuration) throws SQLException;

  /**
   * Replaces the row with this key, moving it to the next value of the change sequence in the same
   * statement (its {@code seq} is ignored); returns it as stored. Fails if there is none.
   */
  StoredConfiguration updateAtNextSeq(Tx tx, StoredConfiguration configuration) throws SQLException;

  void delete(Tx tx, ConfigKey key) throws SQLException;

  /**
   * One page of the configurations of a cluster that the API shows (not force-deleted), ordered by
   * name key, starting after {@code afterNameKey} (null: from the start). Keyset paging: the cost
   * does not grow with the page's position.
   */
  List<StoredConfiguration> listVisible(Tx tx, String clusterKey, String afterNameKey, int limit)
      throws SQLException;

  /**
   * The configurations of a cluster, tombstones included, whose {@code seq} is greater than {@code
   * afterSeq}, in ascending {@code seq} order.
   */
  List<StoredConfiguration> changedSince(Tx tx, String clusterKey, long afterSeq, int limit)
      throws SQLException;

  /** The next value of the global change sequence. */
  long nextSeq(Tx tx) throws SQLException;

  /** A value no lower than any the change sequence has handed out. */
  long seqCeiling(Tx tx) throws SQLException;

  /** How many configurations the cluster has, deleting and force-deleted ones included. */
  long countByCluster(Tx tx, String clusterKey) throws SQLException;

  /**
   * {@link #countByCluster} of every cluster whose key is after {@code afterKey} (null: from the
   * start) and at most {@code lastKey}, in one query; clusters without configurations are absent.
   */
  Map<String, Long> countByClusters(Tx tx, String afterKey, String lastKey) throws SQLException;
}
