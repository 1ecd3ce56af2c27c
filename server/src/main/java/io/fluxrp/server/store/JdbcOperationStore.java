package io.fluxrp.server.store;

import static io.fluxrp.server.store.JdbcColumns.checkLimit;
import static io.fluxrp.server.store.JdbcColumns.getEnum;
import static io.fluxrp.server.store.JdbcColumns.getInstant;
import static io.fluxrp.server.store.JdbcColumns.setInstant;

import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationKind;
import io.fluxrp.server.operations.OperationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link OperationStore} in the {@code operations} table. Instants are kept to the microsecond. */
public final class JdbcOperationStore implements OperationStore {

  private static final String COLUMNS =
      "id, cluster_key, name_key, resource_id, kind, generation, status, start_time, end_time,"
          + " deadline, wait_for_reconciliation, error_code, error_message";

  private static final String BY_ID = "SELECT " + COLUMNS + " FROM operations WHERE id = ?";

  private static final String INSERT =
      "INSERT INTO operations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE =
      "UPDATE operations SET cluster_key = ?, name_key = ?, resource_id = ?, kind = ?,"
          + " generation = ?, status = ?, start_time = ?, end_time = ?, deadline = ?,"
          + " wait_for_reconciliation = ?, error_code = ?, error_message = ? WHERE id = ?";

  /** The non-terminal states as SQL literals: {@code 'CREATING', 'UPDATING', 'DELETING'}. */
  private static final String RUNNING_STATES =
      Arrays.stream(ProvisioningState.values())
          .filter(state -> !state.terminal())
          .map(state -> "'" + state.name() + "'")
          .collect(Collectors.joining(", "));

  static final String RUNNING_PAST_DEADLINE =
      "SELECT id FROM operations WHERE status IN ("
          + RUNNING_STATES
          + ") AND deadline <= ? ORDER BY deadline, id LIMIT ?";

  static final String DELETE_ENDED_BEFORE =
      "DELETE FROM operations WHERE id IN"
          + " (SELECT id FROM operations WHERE end_time < ? ORDER BY end_time LIMIT ?)";

  @Override
  public Optional<Operation> find(Tx tx, String operationId) throws SQLException {
    return findOne(tx, BY_ID, operationId);
  }

  @Override
  public Optional<Operation> findForUpdate(Tx tx, String operationId) throws SQLException {
    return findOne(tx, BY_ID + tx.dialect().rowLockSuffix(), operationId);
  }

  private static Optional<Operation> findOne(Tx tx, String sql, String operationId)
      throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      statement.setString(1, operationId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  @Override
  public void insert(Tx tx, Operation operation) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(INSERT)) {
      statement.setString(1, operation.id());
      setValues(statement, 2, operation);
      statement.executeUpdate();
    }
  }

  @Override
  public void update(Tx tx, Operation operation) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(UPDATE)) {
      int next = setValues(statement, 1, operation);
      statement.setString(next, operation.id());
      if (statement.executeUpdate() != 1) {
        throw new StoreException("no operation to update: " + operation.id(), null);
      }
    }
  }

  private static int setValues(PreparedStatement statement, int first, Operation o)
      throws SQLException {
    int i = first;
    statement.setString(i++, o.configKey().clusterKey());
    statement.setString(i++, o.configKey().nameKey());
    statement.setString(i++, o.resourceId());
    statement.setString(i++, o.kind().name());
    statement.setLong(i++, o.generation());
    statement.setString(i++, o.status().name());
    setInstant(statement, i++, o.startTime());
    setInstant(statement, i++, o.endTime());
    setInstant(statement, i++, o.deadline());
    statement.setBoolean(i++, o.waitForReconciliation());
    statement.setString(i++, o.errorCode());
    statement.setString(i++, o.errorMessage());
    return i;
  }

  @Override
  public List<String> runningPastDeadline(Tx tx, Instant now, int limit) throws SQLException {
    checkLimit(limit);
    try (PreparedStatement statement = tx.connection().prepareStatement(RUNNING_PAST_DEADLINE)) {
      setInstant(statement, 1, now);
      statement.setInt(2, limit);
      List<String> ids = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          ids.add(row.getString(1));
        }
      }
      return ids;
    }
  }

  @Override
  public int deleteEndedBefore(Tx tx, Instant cutoff, int limit) throws SQLException {
    checkLimit(limit);
    try (PreparedStatement statement = tx.connection().prepareStatement(DELETE_ENDED_BEFORE)) {
      setInstant(statement, 1, cutoff);
      statement.setInt(2, limit);
      return statement.executeUpdate();
    }
  }

  private static Operation read(ResultSet row) throws SQLException {
    return new Operation(
        row.getString("id"),
        new ConfigKey(row.getString("cluster_key"), row.getString("name_key")),
        row.getString("resource_id"),
        getEnum(row, "kind", OperationKind.class),
        row.getLong("generation"),
        getEnum(row, "status", ProvisioningState.class),
        getInstant(row, "start_time"),
        getInstant(row, "end_time"),
        getInstant(row, "deadline"),
        row.getBoolean("wait_for_reconciliation"),
        row.getString("error_code"),
        row.getString("error_message"));
  }
}
