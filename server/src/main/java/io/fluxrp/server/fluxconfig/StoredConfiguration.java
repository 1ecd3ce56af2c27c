package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.ProvisioningState;

/**
 * One row of the configuration store.
 *
 * @param resourceId the ARM id in the casing of the last write
 * @param name the configuration name in the casing of the last write
 * @param seq position in the cluster's change feed, taken from one global sequence on every desired
 *     state change; also the resource's ETag
 * @param generation desired-state generation, +1 on every change the cluster must apply
 * @param desired the canonical {@code properties} without write-only values
 * @param secrets the write-only values ({@code configurationProtectedSettings}, {@code x-ms-secret}
 *     properties) at their paths
 * @param currentOperationId the last operation started on this resource (running or finished)
 */
public record StoredConfiguration(
    ConfigKey key,
    String resourceId,
    String name,
    long seq,
    long generation,
    Lifecycle lifecycle,
    ObjectNode desired,
    ObjectNode secrets,
    ProvisioningState provisioningState,
    String errorMessage,
    String currentOperationId,
    ReportedStatus reported,
    SystemData systemData) {

  /**
   * The {@code seq} of a row not stored yet: the store gives it the next feed position as it writes
   * it.
   */
  public static final long NO_SEQ = 0;

  /** Like the record's own, but with the write-only values left out (it may end up in a log). */
  @Override
  public String toString() {
    return "StoredConfiguration[key="
        + key
        + ", resourceId="
        + resourceId
        + ", seq="
        + seq
        + ", generation="
        + generation
        + ", lifecycle="
        + lifecycle
        + ", desired="
        + desired
        + ", secrets=<"
        + (secrets == null ? 0 : secrets.size())
        + " hidden>, provisioningState="
        + provisioningState
        + ", currentOperationId="
        + currentOperationId
        + "]";
  }

  public String etag() {
    return Preconditions.etagOf(seq);
  }

  /** The full canonical {@code properties}: desired state with the write-only values put back. */
  public ObjectNode properties() {
    return io.fluxrp.model.schema.Secrets.join(desired, secrets);
  }

  public StoredConfiguration withProvisioning(ProvisioningState state, String message) {
    return new StoredConfiguration(
        key,
        resourceId,
        name,
        seq,
        generation,
        lifecycle,
        desired,
        secrets,
        state,
        message,
        currentOperationId,
        reported,
        systemData);
  }

  public StoredConfiguration withReported(ReportedStatus status) {
    return new StoredConfiguration(
        key,
        resourceId,
        name,
        seq,
        generation,
        lifecycle,
        desired,
        secrets,
        provisioningState,
        errorMessage,
        currentOperationId,
        status,
        systemData);
  }

  /**
   * This configuration being deleted by an operation: a new generation in the cluster's feed that
   * tells it to remove the objects.
   */
  public StoredConfiguration deleting(String operationId, SystemData modified) {
    return new StoredConfiguration(
        key,
        resourceId,
        name,
        NO_SEQ,
        generation + 1,
        Lifecycle.DELETING,
        desired,
        secrets,
        ProvisioningState.DELETING,
        null,
        operationId,
        reported,
        modified);
  }

  /**
   * This configuration deleted with {@code forceDelete=true}: gone from the API, still in the
   * cluster's feed (a new generation) until the cluster confirms the cleanup.
   */
  public StoredConfiguration tombstone() {
    return new StoredConfiguration(
        key,
        resourceId,
        name,
        NO_SEQ,
        generation + 1,
        Lifecycle.FORCE_DELETED,
        desired,
        secrets,
        provisioningState,
        errorMessage,
        currentOperationId,
        reported,
        systemData);
  }

  /** The same configuration at a new feed position (nothing else changes). */
  public StoredConfiguration restamped(long newSeq) {
    return new StoredConfiguration(
        key,
        resourceId,
        name,
        newSeq,
        generation,
        lifecycle,
        desired,
        secrets,
        provisioningState,
        errorMessage,
        currentOperationId,
        reported,
        systemData);
  }
}
