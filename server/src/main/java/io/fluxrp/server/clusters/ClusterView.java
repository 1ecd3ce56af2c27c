package io.fluxrp.server.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fluxrp.model.agentapi.AgentVersions;
import java.time.Instant;
import java.util.Locale;

/**
 * A cluster as the admin API shows it; {@code credential} only in the answer that minted it.
 *
 * @param configurations how many Flux configurations the cluster has, deleting ones included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterView(
    String id,
    String kind,
    Instant registeredAt,
    Instant lastSeenAt,
    ConnectionState connectionState,
    String agentVersion,
    String fluxVersion,
    String kubernetesVersion,
    long configurations,
    String credential) {

  static ClusterView of(
      Cluster cluster, ConnectionState state, long configurations, String credential) {
    AgentVersions versions = cluster.versions();
    return new ClusterView(
        cluster.clusterId(),
        cluster.kind().name().toLowerCase(Locale.ROOT),
        cluster.registeredAt(),
        cluster.lastReportAt(),
        state,
        versions.agentVersion(),
        versions.fluxVersion(),
        versions.kubernetesVersion(),
        configurations,
        credential);
  }
}
