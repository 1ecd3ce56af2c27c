package io.fluxrp.server.operations;

import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of operations. */
public interface OperationStore {

  Optional<Operation> find(Tx tx, String operationId) throws SQLException;

  Optional<Operation> findForUpdate(Tx tx, String operationId) throws SQLException;

  void insert(Tx tx, Operation operation) throws SQLException;

  /** Replaces the row with this id; fails if there is none. */
  void update(Tx tx, Operation operation) throws SQLException;

  /**
   * Ids of running operations whose deadline is at or before {@code now}, oldest deadline first.
   */
  List<String> runningPastDeadline(Tx tx, Instant now, int limit) throws SQLException;

  /** Deletes operations that ended before {@code cutoff}; returns how many. */
  int deleteEndedBefore(Tx tx, Instant cutoff, int limit) throws SQLException;
}
