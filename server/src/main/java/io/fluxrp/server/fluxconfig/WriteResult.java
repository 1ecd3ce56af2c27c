package io.fluxrp.server.fluxconfig;

import io.fluxrp.server.operations.Operation;

/**
 * What a PUT, PATCH or DELETE did.
 *
 * @param configuration the configuration after the write (null when it does not exist)
 * @param operation the operation the client should poll: the one started, or the one still running
 *     when nothing changed (null when none)
 */
public record WriteResult(Outcome outcome, StoredConfiguration configuration, Operation operation) {

  public enum Outcome {
    /** A new configuration; an operation started. */
    CREATED,
    /** The desired state changed; an operation started. */
    CHANGED,
    /** The request changes nothing. */
    UNCHANGED,
    /** An asynchronous delete started or is already running. */
    DELETING,
    /**
     * {@code forceDelete=true}: the record is gone now; the cluster cleans up when it next syncs.
     */
    FORCE_DELETED,
    /** DELETE of a configuration that does not exist. */
    NOT_FOUND
  }
}
