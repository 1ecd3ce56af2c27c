package io.fluxrp.server.clusters;

import io.fluxrp.model.agentapi.AgentVersions;
import java.time.Instant;

/**
 * A registered cluster.
 *
 * @param key the lower-cased ARM id
 * @param clusterId the ARM id as first registered ({@code /subscriptions/.../connectedClusters/c1})
 * @param lastReportAt when the cluster last reported (null: never)
 * @param credentialHash {@link AgentCredentials#hash} of the agent credential (agent clusters only)
 * @param feedFloor a desired-state feed position below this one is answered with a snapshot: set
 *     from the change sequence when the cluster is registered or changes kind
 * @param versions what the agent last said it runs
 */
public record Cluster(
    String key,
    String clusterId,
    ClusterKind kind,
    Instant registeredAt,
    Instant lastReportAt,
    String credentialHash,
    long feedFloor,
    AgentVersions versions) {

  public Cluster {
    versions = versions == null ? AgentVersions.NONE : versions;
  }

  /** A cluster as first registered: never reported. */
  public static Cluster registered(
      String key,
      String clusterId,
      ClusterKind kind,
      Instant now,
      String credentialHash,
      long feedFloor) {
    return new Cluster(
        key, clusterId, kind, now, null, credentialHash, feedFloor, AgentVersions.NONE);
  }

  /** The same cluster as another kind, with a new credential (null: none) and feed floor. */
  public Cluster withKind(ClusterKind newKind, String newCredentialHash, long newFeedFloor) {
    return new Cluster(
        key,
        clusterId,
        newKind,
        registeredAt,
        lastReportAt,
        newCredentialHash,
        newFeedFloor,
        versions);
  }

  public Cluster withCredential(String newCredentialHash) {
    return new Cluster(
        key, clusterId, kind, registeredAt, lastReportAt, newCredentialHash, feedFloor, versions);
  }
}
