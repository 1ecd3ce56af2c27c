package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.schema.FluxSchema;
import io.fluxrp.model.schema.ResponseView;
import io.fluxrp.model.version.ApiVersion;
import io.fluxrp.server.http.ResourcePath;

/** A stored configuration as a response body of one api-version (the ARM envelope). */
public final class ResourceView {
  private ResourceView() {}

  /**
   * @param clusterStale the cluster has not reported within the staleness limit: its last report no
   *     longer tells the configuration's compliance
   */
  public static ObjectNode render(
      StoredConfiguration configuration, ApiVersion version, boolean clusterStale) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("id", configuration.resourceId());
    envelope.put("name", configuration.name());
    envelope.put("type", ResourcePath.RESOURCE_TYPE);
    envelope.set("systemData", Json.mapper().valueToTree(configuration.systemData()));
    envelope.set("properties", properties(configuration, clusterStale));
    return ResponseView.render(FluxSchema.RESOURCE, envelope, version);
  }

  private static ObjectNode properties(StoredConfiguration configuration, boolean clusterStale) {
    // only top-level members are set here, and ResponseView copies what it shows: no deep copy
    ObjectNode properties = JsonNodeFactory.instance.objectNode();
    properties.setAll(configuration.desired());
    ReportedStatus reported = configuration.reported();
    properties.set("statuses", Json.mapper().valueToTree(reported.statuses()));
    properties.put("repositoryPublicKey", reported.repositoryPublicKey());
    properties.put("sourceSyncedCommitId", reported.sourceSyncedCommitId());
    properties.put("sourceUpdatedAt", instant(reported.sourceUpdatedAt()));
    properties.put("statusUpdatedAt", instant(reported.statusUpdatedAt()));
    properties.put("complianceState", complianceState(configuration, clusterStale).wire());
    properties.put("provisioningState", configuration.provisioningState().wire());
    properties.put("errorMessage", configuration.errorMessage());
    return properties;
  }

  /**
   * {@code Suspended} while suspended; {@code Unknown} before the cluster's first report and while
   * the cluster is stale; {@code Pending} while the cluster has not yet reported on the newest
   * desired state; else the cluster's roll-up.
   */
  static ComplianceState complianceState(StoredConfiguration configuration, boolean clusterStale) {
    if (configuration.desired().path("suspend").asBoolean(false)) {
      return ComplianceState.SUSPENDED;
    }
    ReportedStatus reported = configuration.reported();
    if (reported.generation() == 0 || clusterStale) {
      return ComplianceState.UNKNOWN;
    }
    if (reported.generation() < configuration.generation()) {
      return ComplianceState.PENDING;
    }
    return reported.complianceState();
  }

  private static String instant(java.time.Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
