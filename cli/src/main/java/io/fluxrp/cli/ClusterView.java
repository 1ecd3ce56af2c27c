package io.fluxrp.cli;

/**
 * The admin API's cluster body (docs/agent-api.md); absent values are null. {@code credential} is
 * there only in the answer that issued it.
 */
record ClusterView(
    String id,
    String kind,
    String registeredAt,
    String lastSeenAt,
    String connectionState,
    String agentVersion,
    String fluxVersion,
    String kubernetesVersion,
    Integer configurations,
    String credential) {

  @Override
  public String toString() { // never the credential
    return "ClusterView[" + id + ", " + kind + "]";
  }
}
