package io.fluxrp.server.fluxconfig;

/** Where a stored configuration is in its life. */
public enum Lifecycle {
  /** Visible through the API; the cluster keeps it applied. */
  ACTIVE,
  /**
   * A DELETE is running: still visible (provisioningState Deleting) until the cluster cleans up.
   */
  DELETING,
  /**
   * Removed from the API by {@code forceDelete=true}; kept as a tombstone in the change feed until
   * the cluster confirms cleanup, so the agent still learns of the deletion.
   */
  FORCE_DELETED;

  public boolean visible() {
    return this != FORCE_DELETED;
  }
}
