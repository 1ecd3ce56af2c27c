package io.fluxrp.server.clusters;

import java.time.Clock;
import java.time.Duration;

/**
 * Whether a cluster's reports can be trusted as current: an agent cluster that has not reported
 * within the staleness limit is {@link ConnectionState#DISCONNECTED}, and its configurations show
 * {@code complianceState: Unknown}. Emulated clusters live inside the server and are never stale.
 */
public final class ClusterLiveness {
  private final Duration staleAfter;
  private final Clock clock;

  public ClusterLiveness(Duration staleAfter, Clock clock) {
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("the staleness limit must be longer than zero");
    }
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  public ConnectionState state(Cluster cluster) {
    if (cluster.kind() == ClusterKind.EMULATED) {
      return ConnectionState.EMULATED;
    }
    if (cluster.lastReportAt() == null) {
      return ConnectionState.NEVER_CONNECTED;
    }
    return cluster.lastReportAt().plus(staleAfter).isBefore(clock.instant())
        ? ConnectionState.DISCONNECTED
        : ConnectionState.CONNECTED;
  }

  /** The cluster's last report is too old to stand for the cluster's current state. */
  public boolean stale(Cluster cluster) {
    return state(cluster) == ConnectionState.DISCONNECTED;
  }
}
