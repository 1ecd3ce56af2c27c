package io.fluxrp.server.operations;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, ends and times out the durable operations. Every transition happens inside the caller's
 * transaction together with the change it belongs to, and keeps the configuration's {@code
 * provisioningState} equal to the outcome of its current operation.
 */
public final class OperationEngine {
  private static final Logger LOG = LoggerFactory.getLogger(OperationEngine.class);
  private static final int BATCH = 200;

  private final Database database;
  private final OperationStore operations;
  private final FluxConfigurationStore configurations;
  private final Duration timeout;
  private final Duration retention;

  public OperationEngine(
      Database database,
      OperationStore operations,
      FluxConfigurationStore configurations,
      Duration timeout,
      Duration retention) {
    this.database = database;
    this.operations = operations;
    this.configurations = configurations;
    this.timeout = timeout;
    this.retention = retention;
  }

  /**
   * Inserts a running operation. With {@code waitForReconciliation} it may also end by the
   * configuration's {@code reconciliationWaitDuration}, whichever comes first.
   */
  public Operation start(
      Tx tx,
      ConfigKey key,
      String resourceId,
      OperationKind kind,
      long generation,
      boolean waitForReconciliation,
      Duration reconciliationWait,
      Instant now)
      throws SQLException {
    Duration limit =
        waitForReconciliation
                && reconciliationWait != null
                && reconciliationWait.compareTo(timeout) < 0
            ? reconciliationWait
            : timeout;
    Operation operation =
        new Operation(
            UUID.randomUUID().toString(),
            key,
            resourceId,
            kind,
            generation,
            kind.runningState(),
            now,
            null,
            now.plus(limit),
            waitForReconciliation,
            null,
            null);
    operations.insert(tx, operation);
    return operation;
  }

  public Optional<Operation> find(Tx tx, String operationId) throws SQLException {
    return operations.find(tx, operationId);
  }

  /** The operation with this id when it still runs (locked), else empty. */
  public Optional<Operation> running(Tx tx, String operationId) throws SQLException {
    if (operationId == null) {
      return Optional.empty();
    }
    return operations.findForUpdate(tx, operationId).filter(Operation::running);
  }

  /** Ends a running operation as Canceled (a newer write replaced it). */
  public void cancel(Tx tx, Operation operation, String reason, Instant now) throws SQLException {
    operations.update(
        tx,
        operation.finished(
            ProvisioningState.CANCELED, now, ArmErrorCode.OPERATION_CANCELED.wire(), reason));
  }

  /**
   * Ends a running operation and, when it is the configuration's current one, sets the
   * configuration's provisioning state and error message to match. Returns the updated
   * configuration (or the given one when it was not current).
   */
  public StoredConfiguration finish(
      Tx tx,
      Operation operation,
      StoredConfiguration configuration,
      ProvisioningState terminal,
      ArmErrorCode errorCode,
      String message,
      Instant now)
      throws SQLException {
    operations.update(
        tx,
        operation.finished(terminal, now, errorCode == null ? null : errorCode.wire(), message));
    if (configuration == null || !operation.id().equals(configuration.currentOperationId())) {
      return configuration;
    }
    StoredConfiguration updated =
        configuration.withProvisioning(
            terminal, terminal == ProvisioningState.SUCCEEDED ? null : message);
    configurations.update(tx, updated);
    return updated;
  }

  /** Fails every running operation past its deadline; returns how many. */
  public int expireDue(Instant now) {
    List<String> due = database.read(tx -> operations.runningPastDeadline(tx, now, BATCH));
    int expired = 0;
    for (String id : due) {
      // logged after the commit: the transaction may run more than once
      Optional<Operation> operation = database.write(tx -> expire(tx, id, now));
      if (operation.isPresent()) {
        LOG.warn("operation {} on {} timed out", id, operation.get().resourceId());
        expired++;
      }
    }
    return expired;
  }

  /** The operation this call timed out (empty when it ended meanwhile). */
  private Optional<Operation> expire(Tx tx, String id, Instant now) throws SQLException {
    // lock order as everywhere else: the configuration first, then its operation
    Optional<Operation> unlocked = operations.find(tx, id);
    if (unlocked.isEmpty()) {
      return Optional.empty();
    }
    StoredConfiguration configuration =
        configurations.findForUpdate(tx, unlocked.get().configKey()).orElse(null);
    Optional<Operation> found = running(tx, id);
    if (found.isEmpty() || found.get().deadline().isAfter(now)) {
      return Optional.empty();
    }
    Operation operation = found.get();
    finish(
        tx,
        operation,
        configuration,
        ProvisioningState.FAILED,
        ArmErrorCode.OPERATION_TIMED_OUT,
        timeoutMessage(operation),
        now);
    return found;
  }

  private static String timeoutMessage(Operation operation) {
    Duration limit = Duration.between(operation.startTime(), operation.deadline());
    if (operation.waitForReconciliation()) {
      return "Timed out after "
          + limit
          + " waiting for the cluster to reconcile every kustomization of generation "
          + operation.generation()
          + " (reconciliationWaitDuration).";
    }
    return "Timed out after "
        + limit
        + ": the cluster did not report applying generation "
        + operation.generation()
        + ". Check that the cluster's agent is connected.";
  }

  /** Deletes operations that ended longer ago than the retention period; returns how many. */
  public int purgeEnded(Instant now) {
    Instant cutoff = now.minus(retention);
    int total = 0;
    int deleted;
    do {
      deleted = database.write(tx -> operations.deleteEndedBefore(tx, cutoff, BATCH));
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }
}
