package io.fluxrp.server.http;

import io.fluxrp.server.auth.Action;
import io.fluxrp.server.auth.Permission;
import io.fluxrp.server.http.Route.Access;
import io.helidon.http.Method;
import java.util.List;
import java.util.Map;

/**
 * What a route's requests need, for authorization: the ARM-style resource type that names the
 * operation ({@code <type>/read|write|delete|action}) and where the scope comes from.
 */
public record Guard(String resourceType, ScopeRule scope) {

  /** Where a request's scope comes from. */
  public enum ScopeRule {
    /** The request path itself (ARM routes: the resource id, or collection id, requested). */
    PATH,
    /** The cluster id in the path parameters (cluster admin routes). */
    CLUSTER,
    /** {@code /}: the request concerns the whole server. */
    ROOT
  }

  /**
   * The permission a request needs. ARM routes: GET reads, every other method writes; admin routes
   * manage.
   */
  public Permission permission(
      Access access, Method method, List<String> segments, Map<String, String> params) {
    Action action =
        access == Access.ADMIN
            ? Action.MANAGE
            : method.equals(Method.GET) ? Action.READ : Action.WRITE;
    return new Permission(action, resourceType + "/" + verb(method), scopeOf(segments, params));
  }

  private String scopeOf(List<String> segments, Map<String, String> params) {
    return switch (scope) {
      case PATH -> join(segments);
      case CLUSTER ->
          join(
              List.of(
                  "subscriptions",
                  params.get("subscriptionId"),
                  "resourceGroups",
                  params.get("resourceGroupName"),
                  "providers",
                  params.get("clusterRp"),
                  params.get("clusterResourceName"),
                  params.get("clusterName")));
      case ROOT -> "/";
    };
  }

  private static String verb(Method method) {
    if (method.equals(Method.GET)) {
      return "read";
    }
    if (method.equals(Method.DELETE)) {
      return "delete";
    }
    return method.equals(Method.POST) ? "action" : "write";
  }

  /**
   * A scope from decoded path segments. A {@code /} inside a segment stays escaped ({@code %2F}),
   * so a segment cannot pose as a deeper or another scope (assigned scopes never contain {@code
   * %}).
   */
  static String join(List<String> segments) {
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder scope = new StringBuilder();
    for (String segment : segments) {
      scope.append('/').append(segment.replace("%", "%25").replace("/", "%2F"));
    }
    return scope.toString();
  }
}
