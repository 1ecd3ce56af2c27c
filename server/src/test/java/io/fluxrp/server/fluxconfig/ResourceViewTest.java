package io.fluxrp.server.fluxconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.version.ApiVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rendering shares the stored desired state instead of copying it: it must never change it. */
class ResourceViewTest {
  @Test
  void renderingLeavesTheStoredDesiredStateAsItWas() throws Exception {
    ObjectNode desired =
        (ObjectNode)
            Json.mapper()
                .readTree(
                    """
                    {"namespace": "flux", "suspend": false,
                     "gitRepository": {"url": "https://github.com/fluxrp/demo",
                                       "repositoryRef": {"branch": "main"}},
                     "kustomizations": {"apps": {"path": "./apps", "dependsOn": []}}}""");
    ObjectNode before = desired.deepCopy();
    StoredConfiguration stored = stored(desired);

    ObjectNode rendered = ResourceView.render(stored, ApiVersion.LATEST, false);
    ((ObjectNode) rendered.at("/properties/kustomizations/apps")).put("path", "./changed");
    ((ObjectNode) rendered.get("properties")).put("namespace", "changed");

    assertThat(rendered.at("/properties/kustomizations/apps/name").asText()).isEqualTo("apps");
    assertThat(rendered.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(desired).isEqualTo(before);
    assertThat(
            ResourceView.render(stored, ApiVersion.LATEST, false)
                .at("/properties/namespace")
                .asText())
        .isEqualTo("flux");
  }

  private static StoredConfiguration stored(ObjectNode desired) {
    Instant at = Instant.parse("2026-12-06T01:00:00Z");
    return new StoredConfiguration(
        new ConfigKey("cluster", "demo"),
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c"
            + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/demo",
        "demo",
        1,
        1,
        Lifecycle.ACTIVE,
        desired,
        Json.mapper().createObjectNode(),
        ProvisioningState.SUCCEEDED,
        null,
        null,
        ReportedStatus.NONE,
        SystemData.created("alice", "User", at));
  }
}
