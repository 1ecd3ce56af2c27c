package io.fluxrp.server.store;

import static io.fluxrp.server.store.JdbcColumns.getEnum;
import static io.fluxrp.server.store.JdbcColumns.getInstant;
import static io.fluxrp.server.store.JdbcColumns.setInstant;

import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterKind;
import io.fluxrp.server.clusters.ClusterStore;
import io.fluxrp.server.store.SqlDialect.Failure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ClusterStore} in the {@code clusters} table. Instants are kept to the microsecond. */
public final class JdbcClusterStore implements ClusterStore {

  private static final String COLUMNS =
      "cluster_key, cluster_id, kind, registered_at, last_report_at";

  private static final String BY_KEY = "SELECT " + COLUMNS + " FROM clusters WHERE cluster_key = ?";

  private static final String EXISTS = "SELECT 1 FROM clusters WHERE cluster_key = ?";

  private static final String INSERT =
      "INSERT INTO clusters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

  private static final String RECORD_REPORT =
      "UPDATE clusters SET last_report_at = ? WHERE cluster_key = ?";

  private static final String BY_KIND =
      "SELECT " + COLUMNS + " FROM clusters WHERE kind = ? ORDER BY kind, cluster_key";

  @Override
  public Optional<Cluster> find(Tx tx, String key) throws SQLException {
    return findOne(tx, BY_KEY, key);
  }

  @Override
  public Optional<Cluster> findForUpdate(Tx tx, String key) throws SQLException {
    return findOne(tx, BY_KEY + tx.dialect().rowLockSuffix(), key);
  }

  private static Optional<Cluster> findOne(Tx tx, String sql, String key) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      statement.setString(1, key);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /**
   * Inserts under a savepoint: when a concurrent transaction inserted the same key first, the
   * unique violation (raised once that transaction commits) is rolled back to the savepoint and the
   * answer is false, leaving this transaction usable (PostgreSQL aborts a transaction on any
   * error).
   */
  @Override
  public boolean insertIfAbsent(Tx tx, Cluster cluster) throws SQLException {
    Connection connection = tx.connection();
    try (PreparedStatement statement = connection.prepareStatement(EXISTS)) {
      statement.setString(1, cluster.key());
      try (ResultSet row = statement.executeQuery()) {
        if (row.next()) {
          return false;
        }
      }
    }
    Savepoint savepoint = connection.setSavepoint();
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, cluster.key());
      statement.setString(2, cluster.clusterId());
      statement.setString(3, cluster.kind().name());
      setInstant(statement, 4, cluster.registeredAt());
      setInstant(statement, 5, cluster.lastReportAt());
      statement.executeUpdate();
    } catch (SQLException e) {
      if (tx.dialect().classify(e) == Failure.UNIQUE_VIOLATION) {
        connection.rollback(savepoint);
        return false;
      }
      throw e;
    }
    connection.releaseSavepoint(savepoint);
    return true;
  }

  /** Sets when the cluster last reported; does nothing when no cluster has this key. */
  @Override
  public void recordReport(Tx tx, String key, Instant at) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(RECORD_REPORT)) {
      setInstant(statement, 1, at);
      statement.setString(2, key);
      statement.executeUpdate();
    }
  }

  @Override
  public List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(BY_KIND)) {
      statement.setString(1, kind.name());
      List<Cluster> clusters = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          clusters.add(read(row));
        }
      }
      return clusters;
    }
  }

  private static Cluster read(ResultSet row) throws SQLException {
    return new Cluster(
        row.getString("cluster_key"),
        row.getString("cluster_id"),
        getEnum(row, "kind", ClusterKind.class),
        getInstant(row, "registered_at"),
        getInstant(row, "last_report_at"));
  }
}
