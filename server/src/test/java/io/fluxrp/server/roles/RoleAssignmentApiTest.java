package io.fluxrp.server.roles;

import static io.fluxrp.server.testing.ArmClient.v;
import static io.fluxrp.server.testing.RolesApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.RolesApi;
import io.fluxrp.server.testing.SharedTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /admin/v1/roleAssignments} over HTTP, and what assignments do to the ARM API. */
class RoleAssignmentApiTest {

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final RolesApi roles = new RolesApi(server.client());

  private static String newPrincipal() {
    return "user-" + UUID.randomUUID();
  }

  @Test
  void putCreatesOnceThenAnswersTheSameAssignment() {
    String principal = newPrincipal();
    String id = "Assignment-" + UUID.randomUUID();

    ArmClient.Response created =
        roles.put(id, body(principal, "/subscriptions/s1/resourceGroups/rg1/", "reader"));
    ArmClient.Response again =
        roles.put(
            id.toLowerCase(), body(principal, "/Subscriptions/S1/resourceGroups/RG1", "Reader"));

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("id").asText()).isEqualTo(id.toLowerCase());
    assertThat(json.path("principalId").asText()).isEqualTo(principal);
    assertThat(json.path("scope").asText()).isEqualTo("/subscriptions/s1/resourceGroups/rg1");
    assertThat(json.path("role").asText()).isEqualTo("Reader");
    assertThat(json.path("createdAt").asText()).isNotEmpty();
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json()).isEqualTo(json);
    assertThat(roles.get(id).json()).isEqualTo(json);
  }

  @Test
  void anAssignmentCannotChangeNorBeDuplicatedUnderAnotherId() {
    String principal = newPrincipal();
    String id = roles.assign(principal, "/subscriptions/s2", "Reader");

    ArmClient.Response changed = roles.put(id, body(principal, "/subscriptions/s2", "Owner"));
    ArmClient.Response twin =
        roles.put(UUID.randomUUID().toString(), body(principal, "/SUBSCRIPTIONS/s2", "Reader"));

    assertThat(changed.status()).as("%s", changed).isEqualTo(409);
    assertThat(changed.json().at("/error/code").asText()).isEqualTo("Conflict");
    assertThat(twin.status()).as("%s", twin).isEqualTo(409);
    assertThat(twin.json().at("/error/message").asText()).contains(id);
    assertThat(roles.get(id).json().path("role").asText()).isEqualTo("Reader");
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    ArmClient.Response response =
        roles.put(
            "bad-body",
            "{\"principalId\": \"has space\", \"scope\": \"subscriptions/x\", \"role\": \"Admin\","
                + " \"extra\": 1}");

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.json().at("/error/code").asText()).isEqualTo("InvalidRequestContent");
    List<String> targets = new ArrayList<>();
    response.json().at("/error/details").forEach(d -> targets.add(d.path("target").asText()));
    assertThat(targets).containsExactlyInAnyOrder("extra", "principalId", "scope", "role");
    assertThat(roles.get("bad-body").status()).isEqualTo(404);
  }

  @Test
  void missingFieldsWrongTypesAndBadScopesAre400() {
    assertDetails(roles.put("a1", "{}"), "MissingProperty", "MissingProperty", "MissingProperty");
    assertDetails(
        roles.put("a1", "{\"principalId\": 1, \"scope\": [], \"role\": null}"),
        "InvalidPropertyType",
        "InvalidPropertyType",
        "MissingProperty");
    assertDetails(roles.put("a1", "[]"), "InvalidPropertyType");
    for (String scope :
        List.of(
            "",
            "/resourceGroups/x",
            "/subscriptions",
            "/subscriptions/x/providers/y",
            "/subscriptions/x/resourceGroups",
            "/subscriptions/x//resourceGroups/y",
            "/subscriptions/a%2Fb",
            "/subscriptions/" + "s".repeat(261))) {
      assertDetails(roles.put("a1", body("p", scope, "Reader")), "InvalidPropertyValue");
    }
    ArmClient.Response badId = roles.put("not*an*id", body("p", "/", "Reader"));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().at("/error/code").asText()).isEqualTo("InvalidPathParameter");
  }

  private static void assertDetails(ArmClient.Response response, String... codes) {
    assertThat(response.status()).as("%s", response).isEqualTo(400);
    List<String> found = new ArrayList<>();
    response.json().at("/error/details").forEach(d -> found.add(d.path("code").asText()));
    assertThat(found).as("%s", response).containsExactlyInAnyOrder(codes);
  }

  @Test
  void listShowsEveryAssignmentOrThoseOfOnePrincipal() {
    String principal = newPrincipal();
    String first = roles.assign(principal, "/subscriptions/s3", "Reader");
    String second = roles.assign(principal, "/subscriptions/s4", "Contributor");
    roles.assign(newPrincipal(), "/subscriptions/s3", "Reader");

    ArmClient.Response mine = roles.list("principalId=" + principal);

    assertThat(mine.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    mine.json().path("value").forEach(a -> ids.add(a.path("id").asText()));
    assertThat(ids).containsExactlyElementsOf(List.of(first, second).stream().sorted().toList());
    List<String> principals = new ArrayList<>();
    roles.all().forEach(a -> principals.add(a.path("principalId").asText()));
    assertThat(principals).contains(principal, EmbeddedIssuer.ADMIN_ID);
    assertThat(roles.list("principalId=").json().path("value").size())
        .as("an empty filter is no filter")
        .isEqualTo(roles.all().size());
  }

  @Test
  void theConfiguredOwnerIsOwnerOfEverything() {
    List<JsonNode> owners = new ArrayList<>();
    roles
        .all()
        .forEach(
            a -> {
              if (a.path("principalId").asText().equals(EmbeddedIssuer.ADMIN_ID)) {
                owners.add(a);
              }
            });
    assertThat(owners).hasSize(1);
    assertThat(owners.get(0).path("scope").asText()).isEqualTo("/");
    assertThat(owners.get(0).path("role").asText()).isEqualTo("Owner");
  }

  @Test
  void deleteAnswers200Then204AndGetThen404() {
    String id = roles.assign(newPrincipal(), "/subscriptions/s5", "Reader");

    assertThat(roles.remove(id).status()).isEqualTo(200);
    assertThat(roles.remove(id).status()).isEqualTo(204);
    ArmClient.Response gone = roles.get(id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
  }

  @Test
  void assignmentsTakeEffectOnTheNextRequest() {
    server.createAndSync("immediate", Bodies.git());
    String principal = newPrincipal();
    ArmClient user = server.test().clientAs(principal, "carol@contoso.com");
    String config = v(ArmClient.config("immediate"));

    ArmClient.Response before = user.get(config);
    String id = roles.assign(principal, "/subscriptions/subId1/resourceGroups/rg1", "Reader");
    ArmClient.Response granted = user.get(config);
    ArmClient.Response write = user.patch(config, "{\"properties\": {\"suspend\": true}}");
    roles.remove(id);
    ArmClient.Response revoked = user.get(config);

    assertThat(before.status()).as("%s", before).isEqualTo(403);
    assertThat(before.json().at("/error/code").asText()).isEqualTo("AuthorizationFailed");
    assertThat(before.json().at("/error/message").asText())
        .isEqualTo(
            "The client 'carol@contoso.com' with object id '"
                + principal
                + "' does not have authorization to perform action"
                + " 'Microsoft.KubernetesConfiguration/fluxConfigurations/read' over scope '"
                + ArmClient.config("immediate")
                + "'.");
    assertThat(granted.status()).as("%s", granted).isEqualTo(200);
    assertThat(write.status()).as("a Reader does not write: %s", write).isEqualTo(403);
    assertThat(write.json().at("/error/message").asText()).contains("fluxConfigurations/write");
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(403);
  }

  @Test
  void onlyOwnersManageRoleAssignments() {
    String principal = newPrincipal();
    roles.assign(principal, "/subscriptions/s6", "Owner");
    RolesApi subscriptionOwner = new RolesApi(server.test().clientAs(principal, "dan@contoso.com"));

    ArmClient.Response attempt = subscriptionOwner.put("escalate", body(principal, "/", "Owner"));

    assertThat(attempt.status()).as("Owner of a subscription only: %s", attempt).isEqualTo(403);
    assertThat(attempt.json().at("/error/message").asText())
        .contains("fluxrp.admin/roleAssignments/write")
        .contains("over scope '/'");
    assertThat(roles.get("escalate").status()).isEqualTo(404);
  }
}
