package io.fluxrp.agent.status;

import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.util.List;

/**
 * The report fields of one configuration.
 *
 * @param sourceSyncedCommitId the source's {@code status.artifact.revision} verbatim (e.g. {@code
 *     main@sha1:…}); null when the source has no artifact
 * @param sourceUpdatedAt the source's {@code status.artifact.lastUpdateTime}; null when absent or
 *     unreadable
 */
public record ConfigurationStatus(
    List<ObjectStatusDefinition> statuses,
    ComplianceState complianceState,
    String sourceSyncedCommitId,
    Instant sourceUpdatedAt) {

  public ConfigurationStatus {
    statuses = List.copyOf(statuses);
  }
}
