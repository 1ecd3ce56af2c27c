package io.fluxrp.server.agentapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.model.agentapi.ReportResult;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.ApiResponse;
import java.time.Duration;
import java.util.List;

/** The agent API (docs/agent-api.md): the desired-state feed and report ingestion. */
public final class AgentApiHandlers {
  private final AgentProtocol protocol;

  public AgentApiHandlers(AgentProtocol protocol) {
    this.protocol = protocol;
  }

  /** {@code GET /agent/v1/desired?cluster=&since=&wait=&limit=}. */
  public ApiResponse desired(ApiRequest request) {
    Cluster cluster = ownCluster(request);
    long since = request.integer("since", 0, 0, Long.MAX_VALUE);
    long wait = request.integer("wait", 0, 0, AgentProtocol.MAX_WAIT.toSeconds());
    int limit = (int) request.integer("limit", AgentProtocol.MAX_PAGE, 1, AgentProtocol.MAX_PAGE);
    DesiredPage page = protocol.desired(cluster.key(), since, Duration.ofSeconds(wait), limit);
    DesiredPage named =
        new DesiredPage(
            cluster.clusterId(), page.seq(), page.snapshot(), page.more(), page.entries());
    return ApiResponse.of(200, Json.mapper().valueToTree(named));
  }

  /** {@code POST /agent/v1/reports?cluster=}. */
  public ApiResponse reports(ApiRequest request) {
    Cluster cluster = ownCluster(request);
    AgentReport report = ReportReader.read(request.body());
    List<ReportResult> results = protocol.report(cluster.key(), report);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("results", Json.mapper().valueToTree(results));
    return ApiResponse.of(200, body);
  }

  /**
   * The cluster the credential belongs to, when the request is about it: the {@code cluster}
   * parameter names another one → 403, whether or not that one exists.
   */
  private static Cluster ownCluster(ApiRequest request) {
    Cluster cluster = request.context().agentCluster();
    String asked = request.requiredQuery("cluster");
    if (!ConfigKey.lower(asked.strip()).equals(cluster.key())) {
      throw new ArmException(
          ArmErrorCode.AUTHORIZATION_FAILED,
          "The agent credential of cluster '"
              + cluster.clusterId()
              + "' does not grant access to another cluster.",
          "cluster",
          List.of(),
          java.util.Map.of());
    }
    return cluster;
  }
}
