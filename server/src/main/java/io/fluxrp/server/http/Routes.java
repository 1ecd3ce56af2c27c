package io.fluxrp.server.http;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.agentapi.AgentApiHandlers;
import io.fluxrp.server.clusters.ClusterAdminHandlers;
import io.fluxrp.server.fluxconfig.FluxConfigurationHandlers;
import io.fluxrp.server.http.Guard.ScopeRule;
import io.fluxrp.server.http.Route.Access;
import io.fluxrp.server.roles.RoleAssignmentHandlers;
import io.fluxrp.server.secrets.SecretAdminHandlers;
import io.helidon.http.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole URL surface of the server, in one place. */
public final class Routes {
  private static final String CLUSTER =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
          + "/providers/{clusterRp}/{clusterResourceName}/{clusterName}";
  private static final String COLLECTION =
      CLUSTER + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
  private static final String RESOURCE = COLLECTION + "/{fluxConfigurationName}";

  private static final String CONFIGURATIONS = ResourcePath.RESOURCE_TYPE;
  private static final String ADMIN_CLUSTERS = "fluxrp.admin/clusters";
  private static final String ADMIN_ROLES = "fluxrp.admin/roleAssignments";
  private static final String ADMIN_SECRETS = "fluxrp.admin/secrets";

  private final List<Route> routes = new ArrayList<>();

  public Routes(
      FluxConfigurationHandlers configurations,
      ClusterAdminHandlers clusters,
      RoleAssignmentHandlers roles,
      AgentApiHandlers agents,
      SecretAdminHandlers secrets) {
    arm(COLLECTION, CONFIGURATIONS, Map.of(Method.GET, configurations::list));
    arm(
        RESOURCE,
        CONFIGURATIONS,
        Map.of(
            Method.GET, configurations::get,
            Method.PUT, configurations::put,
            Method.PATCH, configurations::patch,
            Method.DELETE, configurations::delete));
    arm(
        RESOURCE + "/operations/{operationId}",
        CONFIGURATIONS + "/operations",
        Map.of(Method.GET, configurations::operationStatus));
    arm(
        RESOURCE + "/operationResults/{operationId}",
        CONFIGURATIONS + "/operationResults",
        Map.of(Method.GET, configurations::operationResult));
    admin(
        ClusterAdminHandlers.BASE,
        new Guard(ADMIN_CLUSTERS, ScopeRule.ROOT),
        Map.of(Method.GET, clusters::list));
    admin(
        ClusterAdminHandlers.BASE + CLUSTER,
        new Guard(ADMIN_CLUSTERS, ScopeRule.CLUSTER),
        Map.of(
            Method.GET, clusters::show,
            Method.PUT, clusters::register,
            Method.DELETE, clusters::remove));
    admin(
        ClusterAdminHandlers.BASE + CLUSTER + "/credential",
        new Guard(ADMIN_CLUSTERS + "/credential", ScopeRule.CLUSTER),
        Map.of(Method.POST, clusters::rotateCredential, Method.DELETE, clusters::revokeCredential));
    Guard rolesGuard = new Guard(ADMIN_ROLES, ScopeRule.ROOT);
    admin(RoleAssignmentHandlers.BASE, rolesGuard, Map.of(Method.GET, roles::list));
    admin(
        RoleAssignmentHandlers.BASE + "/{" + RoleAssignmentHandlers.ID + "}",
        rolesGuard,
        Map.of(Method.GET, roles::get, Method.PUT, roles::put, Method.DELETE, roles::remove));
    admin(
        SecretAdminHandlers.BASE + "/rotate",
        new Guard(ADMIN_SECRETS + "/rotate", ScopeRule.ROOT),
        Map.of(Method.POST, secrets::rotate));
    add(Access.AGENT, "/agent/v1/desired", null, Map.of(Method.GET, agents::desired));
    add(Access.AGENT, "/agent/v1/reports", null, Map.of(Method.POST, agents::reports));
    add(Access.OPEN, "/healthz", null, Map.of(Method.GET, request -> Health.up()));
  }

  /** A route matched to a request: its handler for the method and the path parameters. */
  public record Matched(Route route, ApiHandler handler, Map<String, String> params) {}

  /** Finds the handler, or raises 404 (no such path) or 405 (path known, method not). */
  public Matched match(Method method, String rawPath) {
    List<String> segments = RouteMatcher.segmentsOf(rawPath);
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.matcher().match(segments);
      if (params.isPresent()) {
        ApiHandler handler = route.handlers().get(method);
        if (handler == null) {
          throw HttpPipeline.methodNotAllowed(method, List.copyOf(route.handlers().keySet()));
        }
        return new Matched(route, handler, params.get());
      }
    }
    throw new ArmException(
        ArmErrorCode.ROUTE_NOT_FOUND,
        "No route matches the path '"
            + rawPath
            + "'. fluxrp serves "
            + RESOURCE
            + " and its collection, operations and operationResults, the admin API under "
            + ClusterAdminHandlers.BASE
            + " and "
            + RoleAssignmentHandlers.BASE
            + " and the agent API under /agent/v1.");
  }

  private void arm(String template, String resourceType, Map<Method, ApiHandler> handlers) {
    add(Access.ARM, template, new Guard(resourceType, ScopeRule.PATH), handlers);
  }

  private void admin(String template, Guard guard, Map<Method, ApiHandler> handlers) {
    add(Access.ADMIN, template, guard, handlers);
  }

  private void add(Access access, String template, Guard guard, Map<Method, ApiHandler> handlers) {
    routes.add(new Route(new RouteMatcher(template), ordered(handlers), access, guard));
  }

  /** Every route, in matching order (tests walk the whole surface). */
  public List<Route> all() {
    return List.copyOf(routes);
  }

  private static Map<Method, ApiHandler> ordered(Map<Method, ApiHandler> handlers) {
    Map<Method, ApiHandler> ordered = new LinkedHashMap<>();
    for (Method m : List.of(Method.GET, Method.PUT, Method.PATCH, Method.POST, Method.DELETE)) {
      if (handlers.containsKey(m)) {
        ordered.put(m, handlers.get(m));
      }
    }
    return ordered;
  }
}
