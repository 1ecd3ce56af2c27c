package io.fluxrp.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.agentapi.AgentProtocol;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.TestServer;
import java.time.Duration;
import java.util.Locale;

/**
 * What a rejected request must leave alone: the LIST of the cluster, the GET of a seeded
 * configuration, the cluster registry and the position of the cluster's desired-state feed.
 */
record StoreSnapshot(String list, String seeded, String clusters, long feedSeq) {

  static StoreSnapshot of(TestServer test, String seededName) {
    ArmClient client = test.client();
    return new StoreSnapshot(
        ok(client.get(ArmClient.v(ArmClient.COLLECTION))),
        ok(client.get(ArmClient.v(ArmClient.config(seededName)))),
        ok(client.get("/admin/v1/clusters")),
        test.server()
            .agentProtocol()
            .desired(
                ArmClient.CLUSTER.toLowerCase(Locale.ROOT),
                0,
                Duration.ZERO,
                AgentProtocol.MAX_PAGE)
            .seq());
  }

  private static String ok(ArmClient.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.text();
  }
}
