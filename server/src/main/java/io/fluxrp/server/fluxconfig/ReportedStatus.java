package io.fluxrp.server.fluxconfig;

import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.util.List;

/**
 * What the cluster last reported about a configuration; GET shows it as {@code statuses}, {@code
 * complianceState}, {@code sourceSyncedCommitId} and the other read-only properties.
 *
 * @param generation the desired-state generation the report was about (0 before any report)
 */
public record ReportedStatus(
    long generation,
    List<ObjectStatusDefinition> statuses,
    ComplianceState complianceState,
    String sourceSyncedCommitId,
    Instant sourceUpdatedAt,
    Instant statusUpdatedAt,
    String repositoryPublicKey) {

  public static final ReportedStatus NONE =
      new ReportedStatus(0, List.of(), ComplianceState.UNKNOWN, null, null, null, null);

  public ReportedStatus {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    complianceState = complianceState == null ? ComplianceState.UNKNOWN : complianceState;
  }
}
