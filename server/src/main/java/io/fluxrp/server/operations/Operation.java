package io.fluxrp.server.operations;

import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.server.fluxconfig.ConfigKey;
import java.time.Instant;

/**
 * A durable asynchronous ARM operation on one configuration. The row outlives the configuration:
 * its status stays readable for the retention period after it ends, also after a delete.
 *
 * @param id the operation id (a UUID) in the {@code Azure-AsyncOperation} URL
 * @param resourceId the configuration's ARM id as written by the request that started it
 * @param generation the desired-state generation the cluster must reach (for a delete: the
 *     generation of the deletion)
 * @param status running ({@code Creating}, {@code Updating}, {@code Deleting}) or terminal
 * @param deadline when the operation fails for lack of an answer from the cluster
 * @param waitForReconciliation succeed only when every kustomization is Ready for {@code
 *     generation}
 * @param errorCode ARM error code when Failed or Canceled
 * @param errorMessage human-readable reason when Failed or Canceled
 */
public record Operation(
    String id,
    ConfigKey configKey,
    String resourceId,
    OperationKind kind,
    long generation,
    ProvisioningState status,
    Instant startTime,
    Instant endTime,
    Instant deadline,
    boolean waitForReconciliation,
    String errorCode,
    String errorMessage) {

  public boolean running() {
    return !status.terminal();
  }

  /** This operation ended with a terminal status now. */
  public Operation finished(
      ProvisioningState terminal, Instant now, String errorCode, String errorMessage) {
    return new Operation(
        id,
        configKey,
        resourceId,
        kind,
        generation,
        terminal,
        startTime,
        now,
        deadline,
        waitForReconciliation,
        errorCode,
        errorMessage);
  }
}
