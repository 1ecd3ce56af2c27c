package io.fluxrp.model.agentapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One configuration in a cluster's desired-state feed.
 *
 * @param seq its position in the feed
 * @param operationId the operation waiting for the cluster's answer (may be finished already)
 * @param deleted the configuration is being deleted: remove its objects and report deletion
 * @param forceDeleted deleted with {@code forceDelete=true}: the API record is gone already
 * @param properties the canonical desired state, write-only values included (only for the cluster)
 * @param reportedGeneration the generation the cluster last reported on (0: never)
 */
public record DesiredEntry(
    String name,
    @JsonProperty("id") String resourceId,
    long seq,
    long generation,
    String operationId,
    boolean deleted,
    boolean forceDeleted,
    ObjectNode properties,
    long reportedGeneration) {

  /** Without {@code properties}, which hold write-only values (it may end up in a log). */
  @Override
  public String toString() {
    return "DesiredEntry[name="
        + name
        + ", seq="
        + seq
        + ", generation="
        + generation
        + ", operationId="
        + operationId
        + ", deleted="
        + deleted
        + ", forceDeleted="
        + forceDeleted
        + "]";
  }
}
