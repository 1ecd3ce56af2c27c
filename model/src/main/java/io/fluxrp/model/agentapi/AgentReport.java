package io.fluxrp.model.agentapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A report of one cluster ({@code POST /agent/v1/reports}); also its heartbeat.
 *
 * @param agent what the agent runs (null: unchanged)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentReport(AgentVersions agent, List<ConfigurationReport> configurations) {
  public AgentReport {
    configurations = configurations == null ? List.of() : List.copyOf(configurations);
  }
}
