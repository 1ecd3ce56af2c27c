package io.fluxrp.server.store;

import static io.fluxrp.server.store.JdbcColumns.getEnum;
import static io.fluxrp.server.store.JdbcColumns.getInstant;
import static io.fluxrp.server.store.JdbcColumns.setInstant;

import io.fluxrp.model.agentapi.AgentVersions;
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
      "cluster_key, cluster_id, kind, registered_at, last_report_at, credential_hash, feed_floor,"
          + " agent_version, flux_version, kubernetes_version";

  private static final String SELECT = "SELECT " + COLUMNS + " FROM clusters";

  private static final String BY_KEY = SELECT + " WHERE cluster_key = ?";

  private static final String BY_CREDENTIAL = SELECT + " WHERE credential_hash = ?";

  private static final String EXISTS = "SELECT 1 FROM clusters WHERE cluster_key = ?";

  private static final String INSERT =
      "INSERT INTO clusters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE =
      "UPDATE clusters SET kind = ?, credential_hash = ?, feed_floor = ? WHERE cluster_key = ?";

  private static final String DELETE = "DELETE FROM clusters WHERE cluster_key = ?";

  private static final String RECORD_REPORT =
      "UPDATE clusters SET last_report_at = ? WHERE cluster_key = ?";

  private static final String RECORD_REPORT_AND_VERSIONS =
      "UPDATE clusters SET last_report_at = ?, agent_version = ?, flux_version = ?,"
          + " kubernetes_version = ? WHERE cluster_key = ?";

  private static final String BY_KIND = SELECT + " WHERE kind = ? ORDER BY kind, cluster_key";

  private static final String PAGE = SELECT + " WHERE cluster_key > ? ORDER BY cluster_key LIMIT ?";

  @Override
  public Optional<Cluster> find(Tx tx, String key) throws SQLException {
    return findOne(tx, BY_KEY, key);
  }

  @Override
  public Optional<Cluster> findForUpdate(Tx tx, String key) throws SQLException {
    return findOne(tx, BY_KEY + tx.dialect().rowLockSuffix(), key);
  }

  @Override
  public Optional<Cluster> findByCredential(Tx tx, String credentialHash) throws SQLException {
    return findOne(tx, BY_CREDENTIAL, credentialHash);
  }

  private static Optional<Cluster> findOne(Tx tx, String sql, String value) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      statement.setString(1, value);
      List<Cluster> found = readAll(statement);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
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
      statement.setString(6, cluster.credentialHash());
      statement.setLong(7, cluster.feedFloor());
      statement.setString(8, cluster.versions().agentVersion());
      statement.setString(9, cluster.versions().fluxVersion());
      statement.setString(10, cluster.versions().kubernetesVersion());
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

  @Override
  public void update(Tx tx, Cluster cluster) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(UPDATE)) {
      statement.setString(1, cluster.kind().name());
      statement.setString(2, cluster.credentialHash());
      statement.setLong(3, cluster.feedFloor());
      statement.setString(4, cluster.key());
      if (statement.executeUpdate() != 1) {
        throw new SQLException("no cluster with key " + cluster.key());
      }
    }
  }

  @Override
  public void delete(Tx tx, String key) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(DELETE)) {
      statement.setString(1, key);
      statement.executeUpdate();
    }
  }

  /** Does nothing when no cluster has this key. */
  @Override
  public void recordReport(Tx tx, String key, Instant at, AgentVersions versions)
      throws SQLException {
    String sql = versions == null ? RECORD_REPORT : RECORD_REPORT_AND_VERSIONS;
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      setInstant(statement, 1, at);
      int next = 2;
      if (versions != null) {
        statement.setString(next++, versions.agentVersion());
        statement.setString(next++, versions.fluxVersion());
        statement.setString(next++, versions.kubernetesVersion());
      }
      statement.setString(next, key);
      statement.executeUpdate();
    }
  }

  @Override
  public List<Cluster> listByKind(Tx tx, ClusterKind kind) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(BY_KIND)) {
      statement.setString(1, kind.name());
      return readAll(statement);
    }
  }

  @Override
  public List<Cluster> list(Tx tx, String afterKey, int limit) throws SQLException {
    JdbcColumns.checkLimit(limit);
    try (PreparedStatement statement = tx.connection().prepareStatement(PAGE)) {
      statement.setString(1, afterKey == null ? "" : afterKey);
      statement.setInt(2, limit);
      return readAll(statement);
    }
  }

  private static List<Cluster> readAll(PreparedStatement statement) throws SQLException {
    List<Cluster> clusters = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        clusters.add(read(row));
      }
    }
    return clusters;
  }

  private static Cluster read(ResultSet row) throws SQLException {
    return new Cluster(
        row.getString("cluster_key"),
        row.getString("cluster_id"),
        getEnum(row, "kind", ClusterKind.class),
        getInstant(row, "registered_at"),
        getInstant(row, "last_report_at"),
        row.getString("credential_hash"),
        row.getLong("feed_floor"),
        new AgentVersions(
            row.getString("agent_version"),
            row.getString("flux_version"),
            row.getString("kubernetes_version")));
  }
}
