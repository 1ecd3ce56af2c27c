package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.FluxConfigurationValidator;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.schema.Canonical;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** PUT: create or replace. {@code properties} is the checked body's {@code properties}. */
  public WriteResult put(
      Writer writer, ResourcePath path, ObjectNode properties, Preconditions pre) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    WriteResult result =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              clusters.lockForWrite(tx, path.clusterId(), now);
              Optional<StoredConfiguration> row = configurations.findForUpdate(tx, key);
              StoredConfiguration existing = row.filter(c -> c.lifecycle().visible()).orElse(null);
              pre.check(existing == null ? null : existing.etag());
              Operation running = runningOperation(tx, existing);
              ObjectNode stored = existing == null ? null : existing.properties();
              ObjectNode canonical =
                  Canonical.normalize(ReplaceMerge.apply(stored, properties, writer.version()));
              return write(
                  tx, writer, path, row.orElse(null), existing, stored, canonical, running, now);
            });
    signalIfChanged(result, key);
    return result;
  }

  /** PATCH: JSON merge-patch of {@code properties}. */
  public WriteResult patch(Writer writer, ResourcePath path, ObjectNode patch, Preconditions pre) {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    WriteResult result =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              StoredConfiguration existing =
                  lockVisible(tx, path, key).orElseThrow(() -> notFound(path));
              pre.check(existing.etag());
              Operation running = runningOperation(tx, existing);
              ObjectNode stored = existing.properties();
              ObjectNode canonical = Canonical.normalize(MergePatch.apply(stored, patch));
              return write(tx, writer, path, existing, existing, stored, canonical, running, now);
            });
    signalIfChanged(result, key);
    return result;
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
   * The part PUT and PATCH share once they have the new canonical properties: validate (400),
   * answer "unchanged", or store the change with a new operation.
   */
  private WriteResult write(
      Tx tx,
      Writer writer,
      ResourcePath path,
      StoredConfiguration row,
      StoredConfiguration existing,
      ObjectNode stored,
      ObjectNode canonical,
      Operation running,
      Instant now)
      throws SQLException {
    FluxConfigurationProperties typed = validate(stored, canonical, path.name());
    if (unchanged(existing, stored, canonical)) {
      return new WriteResult(WriteResult.Outcome.UNCHANGED, existing, running);
    }
    OperationKind kind = existing == null ? OperationKind.CREATE : OperationKind.UPDATE;
    return change(tx, writer, path, row, existing, canonical, typed, kind, running, now);
  }

  /** Every problem of the new desired state in one 400; else its typed view. */
  private static FluxConfigurationProperties validate(
      ObjectNode stored, ObjectNode canonical, String name) {
    FluxConfigurationProperties typed = bind(canonical);
    List<ErrorDetail> problems = new ArrayList<>();
    if (stored != null) {
      problems.addAll(FluxConfigurationValidator.createOnlyChanges(stored, canonical));
    }
    problems.addAll(FluxConfigurationValidator.validate(typed, name));
    if (!problems.isEmpty()) {
      throw ArmException.invalidContent(problems);
    }
    return typed;
  }

  private static FluxConfigurationProperties bind(ObjectNode canonical) {
    try {
      return Json.mapper().treeToValue(canonical, FluxConfigurationProperties.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "canonical properties do not bind: " + e.getOriginalMessage(), e);
    }
  }

  private WriteResult change(
      Tx tx,
      Writer writer,
      ResourcePath path,
      StoredConfiguration row,
      StoredConfiguration existing,
      ObjectNode canonical,
      FluxConfigurationProperties typed,
      OperationKind kind,
      Operation running,
      Instant now)
      throws SQLException {
    ConfigKey key = ConfigKey.of(path.clusterId(), path.name());
    long generation = (row == null ? 0 : row.generation()) + 1;
    boolean waitForReconciliation = Boolean.TRUE.equals(typed.waitForReconciliation());
    Duration wait = reconciliationWait(typed.reconciliationWaitDuration());
    Operation operation =
        operations.start(
            tx, key, path.resourceId(), kind, generation, waitForReconciliation, wait, now);
    if (running != null) {
      operations.cancel(
          tx, running, "Superseded by operation " + operation.id() + ", a newer write.", now);
    }
    Secrets.Split split = Secrets.split(canonical);
    SystemData systemData = systemData(writer.principal(), existing, now);
    StoredConfiguration next =
        new StoredConfiguration(
            key,
            path.resourceId(),
            path.name(),
            configurations.nextSeq(tx),
            generation,
            Lifecycle.ACTIVE,
            split.open(),
            split.secret(),
            kind.runningState(),
            null,
            operation.id(),
            existing == null ? ReportedStatus.NONE : existing.reported(),
            systemData);
    if (row == null) {
      configurations.insert(tx, next);
    } else {
      configurations.update(tx, next);
    }
    WriteResult.Outcome outcome =
        kind == OperationKind.CREATE ? WriteResult.Outcome.CREATED : WriteResult.Outcome.CHANGED;
    return new WriteResult(outcome, next, operation);
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
        existing.deleting(
            configurations.nextSeq(tx),
            operation.id(),
            systemData(writer.principal(), existing, now));
    configurations.update(tx, deleting);
    return new WriteResult(WriteResult.Outcome.DELETING, deleting, operation);
  }

  private WriteResult forceDelete(
      Tx tx, StoredConfiguration existing, Operation running, Instant now) throws SQLException {
    if (running != null) {
      operations.cancel(tx, running, "The configuration was deleted with forceDelete=true.", now);
    }
    StoredConfiguration tombstone = existing.tombstone(configurations.nextSeq(tx));
    configurations.update(tx, tombstone);
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
