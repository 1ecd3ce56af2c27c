package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM paths match case-insensitively; the casing of the last write is what responses show. */
class PathCasingTest {
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  private static final String LOWER =
      "/subscriptions/subid1/resourcegroups/rg-case/providers/microsoft.kubernetes/connectedclusters/cluster1"
          + "/providers/microsoft.kubernetesconfiguration/fluxconfigurations/cfg";
  private static final String WRITTEN =
      "/subscriptions/SubId1/resourceGroups/RG-Case/providers/Microsoft.Kubernetes/connectedClusters/Cluster1"
          + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg";
  private static final String REWRITTEN =
      "/subscriptions/SUBID1/resourceGroups/Rg-Case/providers/MICROSOFT.KUBERNETES/connectedClusters/CLUSTER1"
          + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg";

  @Test
  void pathsMatchCaseInsensitivelyAndKeepTheLastWritesCasing() {
    ArmClient.Response created = client.put(v(WRITTEN), Bodies.git());
    assertThat(created.status()).isEqualTo(201);
    Arm.assertLro(created, client.base(), WRITTEN, "2025-04-01");
    server.syncClusters();

    ArmClient.Response get = client.get(v(LOWER));
    assertThat(get.status()).as("%s", get).isEqualTo(200);
    assertThat(get.json().path("id").asText()).isEqualTo(WRITTEN);

    // the same resource, written in another casing: an update, and the new casing is shown
    ArmClient.Response updated =
        client.put(v(REWRITTEN), Bodies.git("https://github.com/fluxrp/x"));
    assertThat(updated.status()).as("%s", updated).isEqualTo(200);
    Arm.Lro lro = Arm.assertLro(updated, client.base(), REWRITTEN, "2025-04-01");
    server.syncClusters();
    assertThat(client.get(lro.asyncOperationUrl()).json().path("status").asText())
        .isEqualTo("Succeeded");
    assertThat(client.get(v(LOWER)).json().path("id").asText()).isEqualTo(REWRITTEN);
    String collection = LOWER.substring(0, LOWER.lastIndexOf('/'));
    assertThat(client.get(v(collection)).json().path("value").findValuesAsText("id"))
        .containsExactly(REWRITTEN);

    assertThat(client.delete(v(LOWER)).status()).isEqualTo(202);
    server.syncClusters();
    Arm.assertError(client.get(v(WRITTEN)), 404, "ResourceNotFound");
  }
}
