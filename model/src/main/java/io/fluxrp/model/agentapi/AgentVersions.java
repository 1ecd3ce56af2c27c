package io.fluxrp.model.agentapi;

/** What an agent reports it runs with; each value may be absent. */
public record AgentVersions(String agentVersion, String fluxVersion, String kubernetesVersion) {
  public static final AgentVersions NONE = new AgentVersions(null, null, null);
}
