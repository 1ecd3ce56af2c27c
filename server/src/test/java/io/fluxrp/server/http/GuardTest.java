package io.fluxrp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.auth.Action;
import io.fluxrp.server.auth.Permission;
import io.fluxrp.server.http.Guard.ScopeRule;
import io.fluxrp.server.http.Route.Access;
import io.helidon.http.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Action, operation name and scope of a request. */
class GuardTest {
  private static final Guard ARM = new Guard("Microsoft.X/things", ScopeRule.PATH);

  @Test
  void armReadsAreGetsAndEverythingElseWrites() {
    List<String> path = List.of("subscriptions", "s", "resourceGroups", "rg");
    assertThat(ARM.permission(Access.ARM, Method.GET, path, Map.of()))
        .isEqualTo(
            new Permission(
                Action.READ, "Microsoft.X/things/read", "/subscriptions/s/resourceGroups/rg"));
    assertThat(ARM.permission(Access.ARM, Method.PUT, path, Map.of()).action())
        .isEqualTo(Action.WRITE);
    assertThat(ARM.permission(Access.ARM, Method.PATCH, path, Map.of()).operation())
        .endsWith("/write");
    assertThat(ARM.permission(Access.ARM, Method.DELETE, path, Map.of()).operation())
        .endsWith("/delete");
  }

  @Test
  void adminRequestsManageOnTheClusterOrTheRoot() {
    Map<String, String> params =
        Map.of(
            "subscriptionId", "s",
            "resourceGroupName", "rg",
            "clusterRp", "Microsoft.Kubernetes",
            "clusterResourceName", "connectedClusters",
            "clusterName", "c1");
    Permission cluster =
        new Guard("a/clusters", ScopeRule.CLUSTER)
            .permission(Access.ADMIN, Method.GET, List.of(), params);
    Permission root =
        new Guard("a/roles", ScopeRule.ROOT)
            .permission(Access.ADMIN, Method.POST, List.of("x"), params);

    assertThat(cluster.action()).isEqualTo(Action.MANAGE);
    assertThat(cluster.scope())
        .isEqualTo(
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1");
    assertThat(root).isEqualTo(new Permission(Action.MANAGE, "a/roles/action", "/"));
  }

  @Test
  void aSlashInsideASegmentCannotPoseAsADeeperScope() {
    assertThat(Guard.join(List.of("subscriptions", "a/resourceGroups/b")))
        .isEqualTo("/subscriptions/a%2FresourceGroups%2Fb");
    assertThat(Guard.join(List.of("subscriptions", "a%2F"))).isEqualTo("/subscriptions/a%252F");
    assertThat(Guard.join(List.of())).isEqualTo("/");
  }
}
