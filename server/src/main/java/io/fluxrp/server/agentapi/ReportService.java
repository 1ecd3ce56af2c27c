package io.fluxrp.server.agentapi;

import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.ReportResult;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationEngine;
import io.fluxrp.server.operations.OperationKind;
import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes in what a cluster reports and moves the operations of DESIGN §4 on: apply of the
 * operation's generation → Succeeded (with {@code waitForReconciliation}: once every kustomization
 * is Ready), apply failure or a failing kustomization → Failed, objects gone → the delete Succeeded
 * and the record goes. Reports about an older generation than the stored one change nothing.
 */
public final class ReportService {
  private final Database database;
  private final FluxConfigurationStore configurations;
  private final ClusterRegistry clusters;
  private final OperationEngine operations;
  private final Clock clock;

  public ReportService(
      Database database,
      FluxConfigurationStore configurations,
      ClusterRegistry clusters,
      OperationEngine operations,
      Clock clock) {
    this.database = database;
    this.configurations = configurations;
    this.clusters = clusters;
    this.operations = operations;
    this.clock = clock;
  }

  /**
   * Applies the report of one cluster: each configuration in its own transaction (short locks; one
   * that fails does not undo the others), in order, then the heartbeat.
   */
  public List<ReportResult> ingest(String clusterKey, AgentReport report) {
    List<ReportResult> results = new ArrayList<>(report.configurations().size());
    for (ConfigurationReport configuration : report.configurations()) {
      results.add(database.write(tx -> ingest(tx, clusterKey, configuration, Time.now(clock))));
    }
    database.write(
        tx -> {
          clusters.recordReport(tx, clusterKey, Time.now(clock), report.agent());
          return null;
        });
    return results;
  }

  private ReportResult ingest(Tx tx, String clusterKey, ConfigurationReport report, Instant now)
      throws SQLException {
    ConfigKey key = new ConfigKey(clusterKey, ConfigKey.lower(report.name()));
    Optional<StoredConfiguration> found = configurations.findForUpdate(tx, key);
    if (found.isEmpty()) {
      return ReportResult.ignored(report.name(), "the cluster has no such configuration");
    }
    if (report.generation() != found.get().generation()) {
      return ReportResult.ignored(
          report.name(),
          "generation "
              + report.generation()
              + " is not the stored generation "
              + found.get().generation());
    }
    StoredConfiguration configuration = found.get();
    boolean active = configuration.lifecycle() == Lifecycle.ACTIVE;
    if (report.outcome() == ConfigurationReport.Outcome.DELETED && active) {
      return ReportResult.ignored(report.name(), "the configuration is not being deleted");
    }
    if (report.outcome() == ConfigurationReport.Outcome.APPLIED && !active) {
      return ReportResult.ignored(report.name(), "the configuration is being deleted");
    }
    Operation operation =
        operations
            .running(tx, configuration.currentOperationId())
            .filter(op -> op.generation() == report.generation())
            .orElse(null);
    switch (report.outcome()) {
      case DELETED -> deleted(tx, configuration, operation, now);
      case APPLY_FAILED -> applyFailed(tx, configuration, operation, report, now);
      case APPLIED -> applied(tx, configuration, operation, report, now);
    }
    return ReportResult.accepted(report.name());
  }

  private void deleted(Tx tx, StoredConfiguration configuration, Operation operation, Instant now)
      throws SQLException {
    if (operation != null && operation.kind() == OperationKind.DELETE) {
      operations.finish(tx, operation, null, ProvisioningState.SUCCEEDED, null, null, now);
    }
    configurations.delete(tx, configuration.key());
  }

  private void applyFailed(
      Tx tx,
      StoredConfiguration configuration,
      Operation operation,
      ConfigurationReport report,
      Instant now)
      throws SQLException {
    StoredConfiguration updated = configuration.withReported(reported(configuration, report, now));
    configurations.update(tx, updated);
    if (operation != null) {
      String failure = report.failure() == null ? "no details" : report.failure().describe();
      String message =
          (operation.kind() == OperationKind.DELETE ? "Deleting failed: " : "") + failure;
      operations.finish(
          tx,
          operation,
          updated,
          ProvisioningState.FAILED,
          ArmErrorCode.APPLY_FAILED,
          message,
          now);
    }
  }

  private void applied(
      Tx tx,
      StoredConfiguration configuration,
      Operation operation,
      ConfigurationReport report,
      Instant now)
      throws SQLException {
    StoredConfiguration updated = configuration.withReported(reported(configuration, report, now));
    configurations.update(tx, updated);
    if (operation == null || operation.kind() == OperationKind.DELETE) {
      return;
    }
    // Flux does not reconcile a suspended configuration: there is nothing to wait for
    boolean suspended = configuration.desired().path("suspend").asBoolean(false);
    if (!operation.waitForReconciliation() || suspended) {
      operations.finish(tx, operation, updated, ProvisioningState.SUCCEEDED, null, null, now);
      return;
    }
    int expected = configuration.desired().path("kustomizations").size();
    List<ObjectStatusDefinition> kustomizations =
        report.statuses().stream()
            .filter(s -> "Kustomization".equals(s.kind()) && s.appliedBy() == null)
            .toList();
    Optional<ObjectStatusDefinition> failing =
        kustomizations.stream()
            .filter(s -> s.complianceState() == ComplianceState.NON_COMPLIANT)
            .findFirst();
    if (failing.isPresent()) {
      operations.finish(
          tx,
          operation,
          updated,
          ProvisioningState.FAILED,
          ArmErrorCode.RECONCILIATION_FAILED,
          describe(failing.get()),
          now);
    } else if (kustomizations.size() >= expected
        && kustomizations.stream()
            .allMatch(s -> s.complianceState() == ComplianceState.COMPLIANT)) {
      operations.finish(tx, operation, updated, ProvisioningState.SUCCEEDED, null, null, now);
    }
  }

  private static ReportedStatus reported(
      StoredConfiguration configuration, ConfigurationReport report, Instant now) {
    String publicKey =
        report.repositoryPublicKey() != null
            ? report.repositoryPublicKey()
            : configuration.reported().repositoryPublicKey();
    return new ReportedStatus(
        report.generation(),
        report.statuses(),
        report.complianceState(),
        report.sourceSyncedCommitId(),
        report.sourceUpdatedAt(),
        now,
        publicKey);
  }

  private static String describe(ObjectStatusDefinition status) {
    String ready =
        status.statusConditions() == null
            ? ""
            : status.statusConditions().stream()
                .filter(c -> "Ready".equals(c.type()))
                .findFirst()
                .map(ReportService::condition)
                .orElse("");
    return status.kind() + " " + status.namespace() + "/" + status.name() + " is not ready" + ready;
  }

  private static String condition(ObjectStatusConditionDefinition condition) {
    return ": " + condition.reason() + ": " + condition.message();
  }
}
