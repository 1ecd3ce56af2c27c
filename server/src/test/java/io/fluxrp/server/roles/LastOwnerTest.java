package io.fluxrp.server.roles;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.RolesApi;
import io.fluxrp.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nobody can remove the last Owner of '/'; configured owners are assigned at start. */
class LastOwnerTest {

  private static String ownerAssignmentOf(RolesApi roles, String principalId) {
    for (JsonNode a : roles.all()) {
      if (a.path("principalId").asText().equals(principalId)
          && a.path("scope").asText().equals("/")
          && a.path("role").asText().equals("Owner")) {
        return a.path("id").asText();
      }
    }
    throw new AssertionError("no Owner of / for " + principalId + ": " + roles.all());
  }

  @Test
  void theLastOwnerOfTheRootCannotBeRemoved() {
    try (TestServer test = TestServer.start()) {
      RolesApi admin = new RolesApi(test.client());
      String adminOwner = ownerAssignmentOf(admin, EmbeddedIssuer.ADMIN_ID);

      ArmClient.Response alone = admin.remove(adminOwner);
      admin.assign("bob-oid", "/subscriptions/s1", "Owner");
      ArmClient.Response withSubscriptionOwner = admin.remove(adminOwner);

      assertThat(alone.status()).as("%s", alone).isEqualTo(409);
      assertThat(alone.json().at("/error/code").asText()).isEqualTo("Conflict");
      assertThat(alone.json().at("/error/message").asText()).contains("last Owner of '/'");
      assertThat(withSubscriptionOwner.status()).isEqualTo(409);

      String bobOwner = admin.assign("bob-oid", "/", "Owner");
      assertThat(admin.remove(adminOwner).status()).isEqualTo(200);

      RolesApi bob = new RolesApi(test.clientAs("bob-oid", "bob@contoso.com"));
      assertThat(admin.list(null).status()).as("the admin is no Owner any more").isEqualTo(403);
      assertThat(test.client().get(v(ArmClient.config("x"))).status()).isEqualTo(403);
      ArmClient.Response bobAlone = bob.remove(bobOwner);
      assertThat(bobAlone.status()).as("%s", bobAlone).isEqualTo(409);
      assertThat(bob.get(bobOwner).status()).isEqualTo(200);
    }
  }

  @Test
  void configuredOwnersReplaceTheDefaultAndAreAssignedAtEveryStart() {
    try (TestServer test =
        TestServer.start(
            c ->
                c.toBuilder()
                    .runEmulatedClusters(false)
                    .initialOwners(List.of("alice-oid", "7E57C0DE-0000-4000-8000-000000000001"))
                    .build())) {
      RolesApi alice = new RolesApi(test.clientAs("alice-oid", "alice@contoso.com"));
      ArmClient guid = test.clientAs("7e57c0de-0000-4000-8000-000000000001", "guid@contoso.com");

      assertThat(test.client().get(v(ArmClient.config("x"))).status())
          .as("the local administrator is no default owner here")
          .isEqualTo(403);
      assertThat(alice.all()).hasSize(2);
      assertThat(guid.get(v(ArmClient.config("x"))).status())
          .as("GUID principal ids compare in lower case")
          .isEqualTo(404);
      String aliceOwner = ownerAssignmentOf(alice, "alice-oid");
      assertThat(alice.remove(aliceOwner).status()).isEqualTo(200);

      test.restart();

      assertThat(ownerAssignmentOf(alice, "alice-oid")).isEqualTo(aliceOwner);
      assertThat(alice.all()).hasSize(2);
    }
  }
}
