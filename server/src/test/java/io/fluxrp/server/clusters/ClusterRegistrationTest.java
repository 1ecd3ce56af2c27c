package io.fluxrp.server.clusters;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DESIGN §5: without auto-registration, configurations only exist on registered clusters. */
class ClusterRegistrationTest {
  @RegisterExtension
  static final SharedTestServer withoutAutoRegistration =
      SharedTestServer.with(ClusterRegistrationTest::withoutAutoRegistration);

  private static ServerConfig withoutAutoRegistration(ServerConfig c) {
    return c.toBuilder().autoRegisterEmulatedClusters(false).runEmulatedClusters(false).build();
  }

  @Test
  void anUnregisteredClusterIsAMissingParent() {
    ArmClient client = withoutAutoRegistration.client();

    JsonNode error =
        Arm.assertError(
            client.put(v(config("orphan")), Bodies.git()), 404, "ParentResourceNotFound");
    assertThat(error.path("message").asText()).contains("clusterName1", "egister");

    Arm.assertError(client.get(v(config("orphan"))), 404, "ResourceNotFound");
    Arm.assertError(
        client.patch(v(config("orphan")), "{\"properties\": {}}"), 404, "ResourceNotFound");
    assertThat(client.delete(v(config("orphan"))).status()).isEqualTo(204);
    ArmClient.Response list = client.get(v(ArmClient.COLLECTION));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).isEqualTo(Bodies.parse("{\"value\": []}"));
  }

  /** The embedded default, for contrast: a server of its own. */
  @Test
  void theEmbeddedDefaultRegistersAnUnknownClusterAsEmulated() {
    try (TestServer test = TestServer.start()) {
      ArmClient client = test.client();
      String cluster =
          "/subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.HybridContainerService/provisionedClusters/new1";
      String path = cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg";

      assertThat(client.put(v(path), Bodies.git()).status()).isEqualTo(201);
      test.syncClusters();

      JsonNode properties = client.get(v(path)).json().path("properties");
      assertThat(properties.path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(properties.at("/statuses/0/statusConditions/0/message").asText())
          .contains("emulated");
    }
  }
}
