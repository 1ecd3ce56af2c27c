package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.FluxConfigurationValidator;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.schema.MergePatch;
import io.fluxrp.model.schema.ReplaceMerge;
import io.fluxrp.model.schema.Secrets;
import io.fluxrp.model.version.ApiVersion;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterLiveness;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.http.ResourcePath;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationEngine;
import io.fluxrp.server.operations.OperationKind;
import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Flux configuration API's writes and reads. A write stores the new desired state with
 * generation + 1, its operation and its change-feed position in one transaction, then wakes the
 * cluster's feed.
 */
public final class FluxConfigurationService {
  private final Database database;
  private final FluxConfigurationStore configurations;
  private final ClusterRegistry clusters;
  private final OperationEngine operations;
  private final ClusterChangeSignal signal;
  private final ClusterLiveness liveness;
  private final Clock clock;

  public FluxConfigurationService(
      Database database,
      FluxConfigurationStore configurations,
      ClusterRegistry clusters,
      OperationEngine operations,
      ClusterChangeSignal signal,
      ClusterLiveness liveness,
      Clock clock) {
    this.database = database;
    this.configurations = configurations;
    this.clusters = clusters;
    this.operations = operations;
    this.signal = signal;
    this.liveness = liveness;
    this.clock = clock;
  }

  /** The caller of a write, for {@code systemData} and the operation URLs. */
  public record Writer(Principal principal, ApiVersion version) {}

  /**
   * PUT: create or replace. {@code properties} is the checked body's {@code properties}.
   *
   * <p>The cluster's row lock orders its feed (see {@link ClusterRegistry#lockForWrite}), so the
   * work that needs no lock comes first: the configuration is read without a lock and the new state
   * worked out from it ({@link Draft}); a create's operation row, which nobody else can see yet, is
   * inserted too. Under the lock every check is made again on the locked state, and the draft is
   * only used if it was made from the same stored properties.
   */
  public WriteResult put(
      Writer writer, ResourcePath path, ObjectNode properties, Preconditions pre) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    UnaryOperator<ObjectNode> merge =
        stored -> ReplaceMerge.apply(stored, properties, writer.version());
    WriteResult result =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              Optional<StoredConfiguration> seen = configurations.find(tx, key);
              Draft draft = Draft.of(visibleProperties(seen), merge, path.name());
              if (seen.isEmpty()) {
                return create(tx, writer, path, draft, pre, now);
              }
              clusters.lockForWrite(tx, path.clusterId(), now);
              Optional<StoredConfiguration> row = configurations.findForUpdate(tx, key);
              StoredConfiguration existing = row.filter(c -> c.lifecycle().visible()).orElse(null);
              pre.check(existing == null ? null : existing.etag());
              Operation running = runningOperation(tx, existing);
              ObjectNode stored = existing == null ? null : existing.properties();
              Draft current = draft.madeFrom(stored) ? draft : Draft.of(stored, merge, path.name());
              return write(tx, writer, path, row.orElse(null), existing, current, running, now);
            });
    signalIfChanged(result, key);
    return result;
  }

  /**
   * A PUT of a configuration that had no row when read: its operation goes in before the lock, and
   * the row is inserted under it. If another write created the row in between, the insert fails on
   * the key and {@link Database#write} runs the PUT again, which then finds the row.
   */
  private WriteResult create(
      Tx tx, Writer writer, ResourcePath path, Draft draft, Preconditions pre, Instant now)
      throws SQLException {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    Operation operation =
        draft.valid() ? start(tx, key, path, OperationKind.CREATE, 1, draft.typed(), now) : null;
    clusters.lockForWrite(tx, path.clusterId(), now);
    pre.check(null);
    draft.checked();
    StoredConfiguration next =
        configurations.insertAtNextSeq(
            tx, newRow(writer, path, null, draft.canonical(), operation, 1, now));
    return new WriteResult(WriteResult.Outcome.CREATED, next, operation);
  }

  /** PATCH: JSON merge-patch of {@code properties}; unlocked work first, as for PUT. */
  public WriteResult patch(Writer writer, ResourcePath path, ObjectNode patch, Preconditions pre) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    UnaryOperator<ObjectNode> merge = stored -> MergePatch.apply(stored, patch);
    WriteResult result =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              ObjectNode seen = visibleProperties(configurations.find(tx, key));
              Draft draft = seen == null ? null : Draft.of(seen, merge, path.name());
              StoredConfiguration existing =
                  lockVisible(tx, path, key).orElseThrow(() -> notFound(path));
              pre.check(existing.etag());
              Operation running = runningOperation(tx, existing);
              ObjectNode stored = existing.properties();
              Draft current =
                  draft != null && draft.madeFrom(stored)
                      ? draft
                      : Draft.of(stored, merge, path.name());
              return write(tx, writer, path, existing, existing, current, running, now);
            });
    signalIfChanged(result, key);
    return result;
  }

  private static ObjectNode visibleProperties(Optional<StoredConfiguration> row) {
    return row.filter(c -> c.lifecycle().visible())
        .map(StoredConfiguration::properties)
        .orElse(null);
  }

  /**
   * DELETE, asynchronous; with {@code force} the record goes at once and the cluster cleans up
   * later.
   */
  public WriteResult delete(Writer writer, ResourcePath path, boolean force, Preconditions pre) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    WriteResult result =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              Optional<StoredConfiguration> found = lockVisible(tx, path, key);
              if (found.isEmpty()) {
                return new WriteResult(WriteResult.Outcome.NOT_FOUND, null, null);
              }
              StoredConfiguration existing = found.get();
              pre.check(existing.etag());
              // unlike a PUT or PATCH, a DELETE may meet a running DELETE: it joins it
              Operation running =
                  operations.running(tx, existing.currentOperationId()).orElse(null);
              if (force) {
                return forceDelete(tx, existing, running, now);
              }
              if (running != null && running.kind() == OperationKind.DELETE) {
                return new WriteResult(WriteResult.Outcome.DELETING, existing, running);
              }
              return startDelete(tx, writer, path, existing, running, now);
            });
    signalIfChanged(result, key);
    return result;
  }

  /** A configuration as GET shows it, and whether its cluster is stale: one read transaction. */
  public record Viewed(StoredConfiguration configuration, boolean clusterStale) {}

  public Viewed get(ResourcePath path) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    return database
        .read(
            tx -> {
              Optional<StoredConfiguration> found =
                  configurations.find(tx, key).filter(c -> c.lifecycle().visible());
              if (found.isEmpty()) {
                return Optional.<Viewed>empty();
              }
              boolean stale =
                  clusters.find(tx, key.clusterKey()).map(liveness::stale).orElse(false);
              return Optional.of(new Viewed(found.get(), stale));
            })
        .orElseThrow(() -> notFound(path));
  }

  /** The cluster has not reported within the staleness limit (see {@link ClusterLiveness}). */
  public boolean clusterStale(String clusterId) {
    return database
        .read(tx -> clusters.find(tx, ConfigKey.lower(clusterId)))
        .map(liveness::stale)
        .orElse(false);
  }

  /**
   * One page of a cluster's configurations after {@code afterNameKey}, plus whether more follow.
   */
  public record Page(List<StoredConfiguration> items, boolean more) {}

  public Page list(ResourcePath collection, String afterNameKey, int limit) {
    String clusterKey = ConfigKey.lower(collection.clusterId());
    List<StoredConfiguration> rows =
        database.read(tx -> configurations.listVisible(tx, clusterKey, afterNameKey, limit + 1));
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  /** The operation with this id, if it belongs to the configuration at this path. */
  public Operation operation(ResourcePath path, String operationId) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    return database
        .read(tx -> operations.find(tx, operationId))
        .filter(op -> op.configKey().equals(key))
        .orElseThrow(
            () ->
                new ArmException(
                    ArmErrorCode.OPERATION_NOT_FOUND,
                    "The operation '"
                        + operationId
                        + "' of the Flux configuration '"
                        + path.name()
                        + "' was not found. Finished operations are kept for a limited time."));
  }

  private Optional<StoredConfiguration> lockVisible(Tx tx, ResourcePath path, ConfigKey key)
      throws SQLException {
    if (clusters.lockIfRegistered(tx, path.clusterId()).isEmpty()) {
      return Optional.empty();
    }
    return configurations.findForUpdate(tx, key).filter(c -> c.lifecycle().visible());
  }

  private Operation runningOperation(Tx tx, StoredConfiguration existing) throws SQLException {
    if (existing == null) {
      return null;
    }
    Operation running = operations.running(tx, existing.currentOperationId()).orElse(null);
    if (running != null && running.kind() == OperationKind.DELETE) {
      throw new ArmException(
          ArmErrorCode.ANOTHER_OPERATION_IN_PROGRESS,
          "The Flux configuration '"
              + existing.name()
              + "' is being deleted (operation "
              + running.id()
              + "); it cannot be changed until the deletion ends.");
    }
    return running;
  }

  /**
   * The write changes nothing and needs no operation. A configuration whose last operation failed
   * (or was canceled) is not "unchanged": resending the same desired state is how ARM clients
   * retry, so it starts a new operation.
   */
  private static boolean unchanged(
      StoredConfiguration existing, ObjectNode stored, ObjectNode canonical) {
    return existing != null
        && existing.lifecycle() == Lifecycle.ACTIVE
        && existing.provisioningState() != ProvisioningState.FAILED
        && existing.provisioningState() != ProvisioningState.CANCELED
        && canonical.equals(stored);
  }

  /**
   * The part PUT and PATCH share once they hold the locked row and the draft made from it:
   * validation (400), "unchanged", or the change stored with a new operation.
   */
  private WriteResult write(
      Tx tx,
      Writer writer,
      ResourcePath path,
      StoredConfiguration row,
      StoredConfiguration existing,
      Draft draft,
      Operation running,
      Instant now)
      throws SQLException {
    FluxConfigurationProperties typed = draft.checked();
    if (unchanged(existing, draft.base(), draft.canonical())) {
      return new WriteResult(WriteResult.Outcome.UNCHANGED, existing, running);
    }
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    OperationKind kind = existing == null ? OperationKind.CREATE : OperationKind.UPDATE;
    long generation = (row == null ? 0 : row.generation()) + 1;
    Operation operation = start(tx, key, path, kind, generation, typed, now);
    if (running != null) {
      operations.cancel(
          tx, running, "Superseded by operation " + operation.id() + ", a newer write.", now);
    }
    StoredConfiguration next =
        newRow(writer, path, existing, draft.canonical(), operation, generation, now);
    next =
        row == null
            ? configurations.insertAtNextSeq(tx, next)
            : configurations.updateAtNextSeq(tx, next);
    WriteResult.Outcome outcome =
        kind == OperationKind.CREATE ? WriteResult.Outcome.CREATED : WriteResult.Outcome.CHANGED;
    return new WriteResult(outcome, next, operation);
  }

  private Operation start(
      Tx tx,
      ConfigKey key,
      ResourcePath path,
      OperationKind kind,
      long generation,
      FluxConfigurationProperties typed,
      Instant now)
      throws SQLException {
    boolean waitForReconciliation = Boolean.TRUE.equals(typed.waitForReconciliation());
    Duration wait = reconciliationWait(typed.reconciliationWaitDuration());
    return operations.start(
        tx, key, path.resourceId(), kind, generation, waitForReconciliation, wait, now);
  }

  /** The row a write stores, before the store gives it its feed position. */
  private static StoredConfiguration newRow(
      Writer writer,
      ResourcePath path,
      StoredConfiguration existing,
      ObjectNode canonical,
      Operation operation,
      long generation,
      Instant now) {
    Secrets.Split split = Secrets.split(canonical);
    return new StoredConfiguration(
        ConfigKey.of(path.clusterId(), path.name()),
        path.resourceId(),
        path.name(),
        StoredConfiguration.NO_SEQ,
        generation,
        Lifecycle.ACTIVE,
        split.open(),
        split.secret(),
        operation.kind().runningState(),
        null,
        operation.id(),
        existing == null ? ReportedStatus.NONE : existing.reported(),
        systemData(writer.principal(), existing, now));
  }

  private WriteResult startDelete(
      Tx tx,
      Writer writer,
      ResourcePath path,
      StoredConfiguration existing,
      Operation running,
      Instant now)
      throws SQLException {
    Operation operation =
        operations.start(
            tx,
            existing.key(),
            path.resourceId(),
            OperationKind.DELETE,
            existing.generation() + 1,
            false,
            null,
            now);
    if (running != null) {
      operations.cancel(
          tx, running, "Superseded by operation " + operation.id() + ", a deletion.", now);
    }
    StoredConfiguration deleting =
        configurations.updateAtNextSeq(
            tx, existing.deleting(operation.id(), systemData(writer.principal(), existing, now)));
    return new WriteResult(WriteResult.Outcome.DELETING, deleting, operation);
  }

  private WriteResult forceDelete(
      Tx tx, StoredConfiguration existing, Operation running, Instant now) throws SQLException {
    if (running != null) {
      operations.cancel(tx, running, "The configuration was deleted with forceDelete=true.", now);
    }
    configurations.updateAtNextSeq(tx, existing.tombstone());
    return new WriteResult(WriteResult.Outcome.FORCE_DELETED, null, null);
  }

  private static SystemData systemData(Principal who, StoredConfiguration existing, Instant now) {
    String type = who.type().name();
    return existing == null
        ? SystemData.created(who.displayName(), type, now)
        : existing.systemData().modified(who.displayName(), type, now);
  }

  private static Duration reconciliationWait(String iso) {
    if (iso == null) {
      return null;
    }
    return FluxConfigurationValidator.reconciliationWait(iso);
  }

  private void signalIfChanged(WriteResult result, ConfigKey key) {
    if (result.outcome() != WriteResult.Outcome.UNCHANGED
        && result.outcome() != WriteResult.Outcome.NOT_FOUND) {
      signal.changed(key.clusterKey());
    }
  }

  private static ArmException notFound(ResourcePath path) {
    return new ArmException(
        ArmErrorCode.RESOURCE_NOT_FOUND,
        "The Resource '"
            + ResourcePath.RESOURCE_TYPE
            + "/"
            + path.name()
            + "' under resource group '"
            + path.resourceGroupName()
            + "' was not found.");
  }
}
