package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.SharedTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fluxrp roles ...} against a real server's admin API. */
class RolesCommandTest {

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /** {@code fluxrp roles ARGS --server URL --token TOKEN} with the administrator's token. */
  private static Cli roles(String... args) {
    return rolesWith(server.test().server().mintAdminToken(Duration.ofMinutes(10)), args);
  }

  private static Cli rolesWith(String token, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--server";
    all[args.length + 1] = client.base().toString();
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    return Cli.run(Stream.concat(Stream.of("roles"), Arrays.stream(all)).toArray(String[]::new));
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  void assignPrintsTheAssignmentAndTheRoleWorksAtOnce() {
    String principal = "cli-" + UUID.randomUUID();
    String config = ArmClient.v(ArmClient.config("cli-roles"));
    ArmClient user = server.test().clientAs(principal, "erin@contoso.com");
    assertThat(user.get(config).status()).isEqualTo(403);

    Cli result =
        roles(
            "assign",
            "--principal",
            principal,
            "--role",
            "reader",
            "--scope",
            "/subscriptions/subId1/",
            "--id",
            "cli-assignment-1");

    assertThat(result.exitCode()).as("%s", result).isZero();
    JsonNode assignment = json(result.out());
    assertThat(assignment.path("id").asText()).isEqualTo("cli-assignment-1");
    assertThat(assignment.path("role").asText()).isEqualTo("Reader");
    assertThat(assignment.path("scope").asText()).isEqualTo("/subscriptions/subId1");
    assertThat(user.get(config).status()).as("a Reader reads: 404, not 403").isEqualTo(404);
    assertThat(
            roles(
                    "assign",
                    "--principal",
                    principal,
                    "--role",
                    "Reader",
                    "--scope",
                    "/subscriptions/subId1",
                    "--id",
                    "cli-assignment-1")
                .exitCode())
        .as("the same again")
        .isZero();
  }

  @Test
  void listShowsATableOrJsonAndFiltersByPrincipal() {
    String principal = "cli-" + UUID.randomUUID();
    roles(
        "assign", "--principal", principal, "--role", "Contributor", "--scope", "/subscriptions/x");

    Cli table = roles("list", "--principal", principal);
    Cli all = roles("list", "-o", "json");

    assertThat(table.exitCode()).as("%s", table).isZero();
    String[] lines = table.out().split("\\R");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).matches("ID\\s+PRINCIPAL\\s+ROLE\\s+SCOPE");
    assertThat(lines[1]).contains(principal).contains("Contributor").endsWith("/subscriptions/x");
    assertThat(all.exitCode()).isZero();
    JsonNode array = json(all.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array.findValuesAsText("principalId")).contains(principal, EmbeddedIssuer.ADMIN_ID);
    Cli none = roles("list", "--principal", "nobody-" + UUID.randomUUID());
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("No role assignments.");
  }

  @Test
  void removeDeletesAndTheLastOwnerIsKept() {
    roles("assign", "--principal", "p-rm", "--role", "Reader", "--scope", "/", "--id", "cli-rm");

    Cli removed = roles("remove", "cli-rm");
    Cli again = roles("remove", "cli-rm");
    String adminOwner =
        json(roles("list", "--principal", EmbeddedIssuer.ADMIN_ID, "-o", "json").out())
            .get(0)
            .path("id")
            .asText();
    Cli lastOwner = roles("remove", adminOwner);

    assertThat(removed.exitCode()).isZero();
    assertThat(removed.err()).contains("Removed role assignment cli-rm.");
    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("nothing removed");
    assertThat(lastOwner.exitCode()).isEqualTo(1);
    assertThat(lastOwner.err()).contains("Conflict: ").contains("last Owner of '/'");
  }

  @Test
  void invalidValuesAndMissingRightsFailWithTheServersMessage() {
    Cli invalid =
        roles("assign", "--principal", "p", "--role", "Admin", "--scope", "/subscriptions/x");
    Cli forbidden = rolesWith(server.test().mintToken("someone", "someone@contoso.com"), "list");
    Cli missing = roles("assign", "--principal", "p", "--role", "Reader");

    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err())
        .contains("InvalidRequestContent")
        .contains("Reader, Contributor or Owner");
    assertThat(forbidden.exitCode()).isEqualTo(1);
    assertThat(forbidden.err()).contains("AuthorizationFailed").contains("roleAssignments/read");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--scope");
  }
}
