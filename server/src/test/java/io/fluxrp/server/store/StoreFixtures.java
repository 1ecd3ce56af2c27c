package io.fluxrp.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.HelmReleasePropertiesDefinition;
import io.fluxrp.model.fluxconfig.ObjectReferenceDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterKind;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Rows for the store tests, valid but otherwise arbitrary. */
final class StoreFixtures {

  static final Instant T0 = Instant.parse("2025-06-01T12:00:00.123456Z");

  private StoreFixtures() {}

  static String clusterId(String cluster) {
    return "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/Rg-1/providers/"
        + "Microsoft.Kubernetes/connectedClusters/"
        + cluster;
  }

  static String clusterKey(String cluster) {
    return ConfigKey.lower(clusterId(cluster));
  }

  static Cluster cluster(String cluster, ClusterKind kind) {
    return Cluster.registered(clusterKey(cluster), clusterId(cluster), kind, T0, null, 1);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A freshly created configuration: no secrets, nothing reported, no system data. */
  static StoredConfiguration config(String cluster, String name, long seq) {
    String clusterId = clusterId(cluster);
    return new StoredConfiguration(
        ConfigKey.of(clusterId, name),
        clusterId + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/" + name,
        name,
        seq,
        1,
        Lifecycle.ACTIVE,
        json(
            """
            {"scope":"cluster","namespace":"flux-system","sourceKind":"GitRepository",
             "gitRepository":{"url":"https://github.com/example/repo","repositoryRef":{"branch":"main"}},
             "kustomizations":{"infra":{"path":"./infra","prune":true}}}"""),
        Json.mapper().createObjectNode(),
        ProvisioningState.CREATING,
        null,
        null,
        ReportedStatus.NONE,
        null);
  }

  /** A configuration with every field set, JSON columns with nested lists and objects. */
  static StoredConfiguration fullConfig(String cluster, String name, long seq) {
    StoredConfiguration base = config(cluster, name, seq);
    ReportedStatus reported =
        new ReportedStatus(
            7,
            List.of(
                new ObjectStatusDefinition(
                    name,
                    "flux-system",
                    "GitRepository",
                    ComplianceState.COMPLIANT,
                    null,
                    List.of(
                        new ObjectStatusConditionDefinition(
                            "2025-06-01T12:00:00Z",
                            "stored artifact for revision 'main@sha1:0123abc'",
                            "Succeeded",
                            "True",
                            "Ready")),
                    null),
                new ObjectStatusDefinition(
                    name + "-infra",
                    "flux-system",
                    "Kustomization",
                    ComplianceState.NON_COMPLIANT,
                    new ObjectReferenceDefinition(name, "flux-system"),
                    List.of(
                        new ObjectStatusConditionDefinition(
                            "2025-06-01T12:00:01Z",
                            "kustomize build failed: ünïcode ✓ \"quoted\"\nsecond line",
                            "BuildFailed",
                            "False",
                            "Ready"),
                        new ObjectStatusConditionDefinition(
                            "2025-06-01T12:00:01Z", null, "Progressing", "True", "Reconciling")),
                    new HelmReleasePropertiesDefinition(
                        3L, new ObjectReferenceDefinition("chart", "flux-system"), 1L, 0L, null))),
            ComplianceState.NON_COMPLIANT,
            "main@sha1:0123abc",
            Instant.parse("2025-06-01T12:00:00.987654321Z"),
            Instant.parse("2025-06-01T12:00:02.5Z"),
            "ssh-rsa AAAAB3NzaC1yc2E fluxrp");
    return new StoredConfiguration(
        base.key(),
        base.resourceId(),
        base.name(),
        seq,
        4,
        Lifecycle.DELETING,
        json(
            """
            {"scope":"namespace","namespace":"team-a","suspend":false,
             "gitRepository":{"url":"ssh://git@example.com/r.git","syncIntervalInSeconds":600,
               "repositoryRef":{"tag":"v1.2.3"}},
             "kustomizations":{"apps":{"path":"./apps","dependsOn":["infra"],
               "postBuild":{"substitute":{"a":"1","b":"ü"}},"timeoutInSeconds":300},
               "infra":{"path":"./infra","dependsOn":[]}},
             "nothing":null,"number":1.5,"big":12345678901234}"""),
        json(
            """
            {"configurationProtectedSettings":{"sshPrivateKey":"c2VjcmV0","token":"dG9r"},
             "gitRepository":{"httpsUser":"user"}}"""),
        ProvisioningState.FAILED,
        "apply failed: Kustomization/apps: \"dependency not ready\"",
        UUID.randomUUID().toString(),
        reported,
        new SystemData(
            "alice@example.com",
            "User",
            Instant.parse("2025-01-01T00:00:00.000000001Z"),
            "0b0b0b0b-0000-0000-0000-000000000000",
            "Application",
            Instant.parse("2025-06-01T12:00:00.5Z")));
  }

  static StoredConfiguration withSeq(StoredConfiguration c, long seq, Lifecycle lifecycle) {
    return new StoredConfiguration(
        c.key(),
        c.resourceId(),
        c.name(),
        seq,
        c.generation() + 1,
        lifecycle,
        c.desired(),
        c.secrets(),
        c.provisioningState(),
        c.errorMessage(),
        c.currentOperationId(),
        c.reported(),
        c.systemData());
  }

  static Operation operation(
      String id, ProvisioningState status, Instant deadline, Instant endTime) {
    String clusterId = clusterId("c1");
    return new Operation(
        id,
        ConfigKey.of(clusterId, "cfg"),
        clusterId + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/Cfg",
        OperationKind.UPDATE,
        3,
        status,
        T0,
        endTime,
        deadline,
        false,
        null,
        null);
  }
}
