package io.fluxrp.server.clusters;

import java.time.Instant;

/**
 * A registered cluster.
 *
 * @param key the lower-cased ARM id
 * @param clusterId the ARM id as first registered ({@code /subscriptions/.../connectedClusters/c1})
 * @param lastReportAt when the cluster last reported (null: never)
 */
public record Cluster(
    String key, String clusterId, ClusterKind kind, Instant registeredAt, Instant lastReportAt) {}
