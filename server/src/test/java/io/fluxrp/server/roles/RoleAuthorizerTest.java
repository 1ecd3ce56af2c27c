package io.fluxrp.server.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.auth.Action;
import io.fluxrp.server.auth.Permission;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.auth.Role;
import io.fluxrp.server.auth.RoleGrant;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcRoleAssignmentStore;
import io.fluxrp.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored assignments and token grants, each enough on its own; roles include the lower ones. */
class RoleAuthorizerTest {
  private static final String RG = "/subscriptions/s1/resourceGroups/rg1";
  private static final String CONFIG =
      RG
          + "/providers/Microsoft.Kubernetes/connectedClusters/c1/providers"
          + "/Microsoft.KubernetesConfiguration/fluxConfigurations/x";

  @TempDir Path dir;
  private Database database;
  private RoleAssignments assignments;
  private RoleAuthorizer authorizer;

  @BeforeEach
  void open() {
    database = Database.open(StoreSettings.embedded(dir));
    assignments = new RoleAssignments(database, new JdbcRoleAssignmentStore(), Clock.systemUTC());
    authorizer = new RoleAuthorizer(assignments);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static Permission permission(Action action, String scope) {
    return new Permission(action, "Test/things/" + action.name().toLowerCase(), scope);
  }

  private boolean allowed(Principal who, Action action, String scope) {
    try {
      authorizer.authorize(who, permission(action, scope));
      return true;
    } catch (ArmException e) {
      assertThat(e.code()).isEqualTo(ArmErrorCode.AUTHORIZATION_FAILED);
      return false;
    }
  }

  private void assign(String principal, String scope, Role role) {
    assignments.put(
        "a-" + principal + "-" + role.name().toLowerCase(),
        AssignmentRequest.read(
            Json.mapper()
                .createObjectNode()
                .put("principalId", principal)
                .put("scope", scope)
                .put("role", role.wire())));
  }

  @Test
  void storedAssignmentsAllowTheirRoleOverTheirScopeOnly() {
    Principal alice = new Principal("alice", "alice@contoso.com", PrincipalType.User);
    assign("alice", RG, Role.CONTRIBUTOR);

    assertThat(allowed(alice, Action.READ, CONFIG)).isTrue();
    assertThat(allowed(alice, Action.WRITE, CONFIG)).isTrue();
    assertThat(allowed(alice, Action.MANAGE, CONFIG)).isFalse();
    assertThat(allowed(alice, Action.READ, "/subscriptions/s1/resourceGroups/rg10")).isFalse();
    assertThat(allowed(alice, Action.READ, "/subscriptions/s1")).isFalse();
    assertThat(allowed(alice, Action.READ, RG.toUpperCase())).isTrue();
  }

  @Test
  void tokenGrantsCountWithoutAnyStoredAssignment() {
    Principal app =
        new Principal(
            "app", "app-id", PrincipalType.Application, List.of(new RoleGrant(Role.READER, RG)));
    Principal owner =
        new Principal("root", "root", PrincipalType.User, List.of(new RoleGrant(Role.OWNER, "/")));

    assertThat(allowed(app, Action.READ, CONFIG)).isTrue();
    assertThat(allowed(app, Action.WRITE, CONFIG)).isFalse();
    assertThat(allowed(owner, Action.MANAGE, "/")).isTrue();
  }

  @Test
  void grantsOfOnePrincipalHelpNoOther() {
    assign("alice", "/", Role.OWNER);
    Principal bob = new Principal("bob", "bob@contoso.com", PrincipalType.User);

    assertThatThrownBy(() -> authorizer.authorize(bob, permission(Action.READ, CONFIG)))
        .isInstanceOf(ArmException.class)
        .hasMessage(
            "The client 'bob@contoso.com' with object id 'bob' does not have authorization to"
                + " perform action 'Test/things/read' over scope '"
                + CONFIG
                + "'.");
    assertThatCode(
            () ->
                authorizer.authorize(
                    new Principal("alice", "a", PrincipalType.User),
                    permission(Action.MANAGE, CONFIG)))
        .doesNotThrowAnyException();
  }
}
