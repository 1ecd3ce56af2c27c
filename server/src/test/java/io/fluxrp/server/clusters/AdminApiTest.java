package io.fluxrp.server.clusters;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster admin API of docs/agent-api.md: register (kind, credential shown once), change kind,
 * rotate, show, list in pages, remove; bad bodies and ids. Its own server, so the list holds only
 * this class's clusters.
 */
class AdminApiTest {
  @RegisterExtension
  static final SharedTestServer server =
      SharedTestServer.with(
          c ->
              c.toBuilder().autoRegisterEmulatedClusters(false).runEmulatedClusters(false).build());

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);

  private static String credential(ArmClient.Response response) {
    String credential = response.json().path("credential").asText("");
    assertThat(credential).as("%s", response).matches(AdminApi.CREDENTIAL_PATTERN);
    return credential;
  }

  private static TestAgent agent(String cluster, String credential) {
    return new TestAgent(client::base, cluster, credential);
  }

  private static void assertWorks(String cluster, String credential) {
    assertThat(agent(cluster, credential).desiredResponse(0, 0, 0).status()).isEqualTo(200);
  }

  private static void assertRefused(String cluster, String credential) {
    Arm.assertError(
        agent(cluster, credential).desiredResponse(0, 0, 0), 401, "InvalidAuthenticationToken");
  }

  @Test
  void registeringShowsTheCredentialOnceAndAgainOnlyWhenItBecomesAnAgentCluster() {
    String cluster = AdminApi.clusterId("Admin-Register");

    ArmClient.Response created = admin.put(cluster, null);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("id").asText()).isEqualTo(cluster);
    assertThat(body.path("kind").asText()).as("the default kind").isEqualTo("agent");
    assertThat(body.path("connectionState").asText()).isEqualTo("NeverConnected");
    assertThat(body.path("configurations").asInt(-1)).isZero();
    assertThat(Instant.parse(body.path("registeredAt").asText()))
        .isEqualTo(server.clock().instant().truncatedTo(ChronoUnit.MILLIS));
    String first = credential(created);
    assertWorks(cluster, first);

    // the same again (another casing): 200, nothing changes, no credential
    String lower = cluster.toLowerCase(Locale.ROOT);
    ArmClient.Response again = admin.put(lower, "{\"kind\": \"agent\"}");
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().has("credential")).isFalse();
    assertThat(again.json().path("id").asText()).as("first casing kept").isEqualTo(cluster);
    assertThat(again.json().path("registeredAt")).isEqualTo(body.path("registeredAt"));
    assertWorks(cluster, first);
    assertThat(admin.show(lower).path("id").asText()).isEqualTo(cluster);
    assertThat(admin.show(cluster).has("credential")).isFalse();

    // emulated: no credential, the agent's stops working
    ArmClient.Response emulated = admin.put(cluster, "{\"kind\": \"emulated\"}");
    assertThat(emulated.status()).as("%s", emulated).isEqualTo(200);
    assertThat(emulated.json().path("kind").asText()).isEqualTo("emulated");
    assertThat(emulated.json().path("connectionState").asText()).isEqualTo("Emulated");
    assertThat(emulated.json().has("credential")).isFalse();
    assertRefused(cluster, first);
    ArmClient.Response rotateEmulated =
        client.sendJson("POST", AdminApi.path(cluster) + "/credential", null, java.util.Map.of());
    Arm.assertError(rotateEmulated, 409, "Conflict");

    // agent again: a new credential
    ArmClient.Response agentAgain = admin.put(cluster, "{\"kind\": \"agent\"}");
    assertThat(agentAgain.status()).as("%s", agentAgain).isEqualTo(200);
    String second = credential(agentAgain);
    assertThat(second).isNotEqualTo(first);
    assertWorks(cluster, second);
    assertRefused(cluster, first);

    // rotation: the old one stops at once
    String third = admin.rotate(cluster);
    assertThat(third).isNotEqualTo(second);
    assertRefused(cluster, second);
    assertWorks(cluster, third);

    // revocation: no credential works until the next rotation
    ArmClient.Response revoked =
        client.sendJson("DELETE", AdminApi.path(cluster) + "/credential", null, java.util.Map.of());
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.json().path("kind").asText()).isEqualTo("agent");
    assertThat(revoked.json().has("credential")).isFalse();
    assertRefused(cluster, third);
    String fourth = admin.rotate(cluster);
    assertWorks(cluster, fourth);
    assertRefused(cluster, third);
  }

  @Test
  void anUnknownClusterIs404() {
    String cluster = AdminApi.clusterId("admin-never");
    Arm.assertError(admin.get(cluster), 404, "ResourceNotFound");
    Arm.assertError(admin.remove(cluster, false), 404, "ResourceNotFound");
    Arm.assertError(admin.remove(cluster, true), 404, "ResourceNotFound");
  }

  @Test
  void removingAClusterWithConfigurationsNeedsForce() {
    String cluster = AdminApi.clusterId("admin-remove");
    TestAgent agent = TestAgent.register(client, cluster);
    String id = AdminApi.configuration(cluster, "cfg");
    ArmClient.Response put = client.put(v(id), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);
    Arm.Lro lro = Arm.assertLro(put, client.base(), id, "2025-04-01");
    assertThat(admin.show(cluster).path("configurations").asInt()).isEqualTo(1);

    Arm.assertError(admin.remove(cluster, false), 409, "Conflict");
    assertThat(client.get(v(id)).status()).isEqualTo(200);

    ArmClient.Response forced = admin.remove(cluster, true);
    assertThat(forced.status()).as("%s", forced).isEqualTo(204);
    Arm.assertError(admin.get(cluster), 404, "ResourceNotFound");
    Arm.assertError(client.get(v(id)), 404, "ResourceNotFound");
    JsonNode operation = client.get(lro.asyncOperationUrl()).json();
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Canceled");
    // the removed cluster's credential is no credential any more
    assertRefused(cluster, agent.credential());

    // a cluster without configurations goes without force
    String empty = AdminApi.clusterId("admin-remove-empty");
    admin.registerEmulated(empty);
    assertThat(admin.remove(empty, false).status()).isEqualTo(204);
    Arm.assertError(admin.get(empty), 404, "ResourceNotFound");
  }

  @Test
  void theListIsOrderedByLowerCasedIdInPages() {
    List<String> ids =
        List.of(
            "/subscriptions/subList/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/B-2",
            "/subscriptions/subList/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/a-1",
            "/subscriptions/subList/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c-3",
            "/subscriptions/subList/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/D-4",
            "/subscriptions/subList/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/e-5");
    for (String id : ids) {
      admin.registerEmulated(id);
    }
    // whatever the other tests registered comes too: compare this class's ids in list order
    List<String> listed = new ArrayList<>();
    String next = AdminApi.CLUSTERS + "?$top=2";
    int pages = 0;
    while (next != null) {
      ArmClient.Response page = client.get(next);
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      assertThat(page.json().path("value").size()).isLessThanOrEqualTo(2);
      page.json().path("value").forEach(c -> listed.add(c.path("id").asText()));
      next = page.json().has("nextLink") ? page.json().path("nextLink").asText() : null;
      if (next != null) {
        assertThat(next).startsWith(client.base().toString());
        assertThat(page.json().path("value").size()).isEqualTo(2);
      }
      pages++;
    }
    assertThat(pages).isEqualTo((listed.size() + 1) / 2);
    List<String> lowered = listed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    assertThat(lowered).isSorted().doesNotHaveDuplicates();
    assertThat(listed.stream().filter(ids::contains).toList())
        .containsExactly(ids.get(1), ids.get(0), ids.get(2), ids.get(3), ids.get(4));

    ArmClient.Response all = client.get(AdminApi.CLUSTERS);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().has("nextLink")).isFalse();
    assertThat(all.json().path("value").size()).isEqualTo(listed.size());
  }

  @Test
  void badBodiesAndIdsAre400() {
    String cluster = AdminApi.clusterId("admin-bad");
    for (String body :
        new String[] {
          "{\"kind\": \"real\"}", "{\"kind\": \"agent\", \"name\": \"x\"}", "[]", "\"agent\"", "{"
        }) {
      Arm.assertError(admin.put(cluster, body), 400, "InvalidRequestContent");
    }
    Arm.assertError(admin.get(cluster), 404, "ResourceNotFound");

    for (String bad :
        new String[] {
          "/subscriptions/s1/resourceGroups/rg%21/providers/Microsoft.Kubernetes/connectedClusters/c1",
          "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters2/c1",
          "/subscriptions/"
              + "s".repeat(261)
              + "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1"
        }) {
      Arm.assertError(admin.put(bad, "{\"kind\": \"agent\"}"), 400, "InvalidPathParameter");
    }
  }
}
