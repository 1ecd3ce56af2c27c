package io.fluxrp.server.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.agentapi.AgentApiHandlers;
import io.fluxrp.server.clusters.ClusterAdminHandlers;
import io.fluxrp.server.fluxconfig.FluxConfigurationHandlers;
import io.fluxrp.server.http.Route;
import io.fluxrp.server.http.Routes;
import io.fluxrp.server.secrets.SecretAdminHandlers;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.RolesApi;
import io.fluxrp.server.testing.SharedTestServer;
import io.helidon.http.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every principal kind × every scope relation × every method of every route: each request either
 * gets past authorization (any status but 401/403) or is refused with exactly the expected status.
 * Write bodies are malformed JSON, so a request that passes authorization ends in 400 and changes
 * nothing, while a refused one shows that authorization came before the body was read.
 */
class AuthorizationMatrixTest {

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();

  private static final String BAD_BODY = "{\"kind\": ";
  private static final String SUB = "/subscriptions/subMatrix";

  enum Principal {
    READER,
    CONTRIBUTOR,
    OWNER,
    NONE,
    AGENT
  }

  /** Where the request's resource is, seen from the principals' assignments. */
  enum Place {
    OWN(SUB + "/resourceGroups/rgOwn"),
    SIBLING(SUB + "/resourceGroups/rgSibling"),
    OTHER_SUBSCRIPTION("/subscriptions/subOther/resourceGroups/rgOwn");

    final String group;

    Place(String group) {
      this.group = group;
    }

    String cluster(String name) {
      return group + "/providers/Microsoft.Kubernetes/connectedClusters/" + name;
    }
  }

  /** How a request may be answered: allowed (past authorization), or refused with a status. */
  record Expect(boolean allowed, int refusal) {
    static final Expect ALLOWED = new Expect(true, 0);
    static final Expect FORBIDDEN = new Expect(false, 403);
    static final Expect UNAUTHENTICATED = new Expect(false, 401);
  }

  record Request(Route.Access access, String method, String path, String body) {}

  private static final Map<Principal, ArmClient> clients = new java.util.EnumMap<>(Principal.class);

  @BeforeAll
  static void principals() {
    ArmClient admin = server.client();
    RolesApi roles = new RolesApi(admin);
    roles.assign("reader-oid", SUB, "Reader");
    roles.assign("contributor-oid", Place.OWN.group, "Contributor");
    roles.assign("owner-oid", "/", "Owner");
    clients.put(Principal.READER, server.test().clientAs("reader-oid", "reader@contoso.com"));
    clients.put(
        Principal.CONTRIBUTOR, server.test().clientAs("contributor-oid", "contrib@contoso.com"));
    clients.put(Principal.OWNER, server.test().clientAs("owner-oid", "owner@contoso.com"));
    clients.put(Principal.NONE, server.test().clientAs("nobody-oid", "nobody@contoso.com"));
    String credential = new AdminApi(admin).registerAgent(Place.OWN.cluster("agent"));
    clients.put(Principal.AGENT, new ArmClient(admin::base, () -> credential));
  }

  @Test
  void noPrincipalGetsPastAuthorizationWhereItMustNot() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    int unauthorisedSuccesses = 0;
    Set<String> covered = new HashSet<>();
    for (Principal principal : Principal.values()) {
      for (Place place : Place.values()) {
        for (Request request : requests(place)) {
          covered.add(routeOf(request));
          Expect expect = expected(principal, place, request);
          int status = send(clients.get(principal), request);
          cases++;
          boolean refused = status == 401 || status == 403;
          if (!expect.allowed() && !refused) {
            unauthorisedSuccesses++;
          }
          if (expect.allowed() ? refused : status != expect.refusal()) {
            failures.add(principal + " " + place + " " + request + " -> " + status);
          }
        }
      }
    }
    System.out.println(
        "authorization-matrix: "
            + cases
            + " cases, "
            + unauthorisedSuccesses
            + " unauthorised successes");
    assertThat(unauthorisedSuccesses).isZero();
    assertThat(failures).isEmpty();
    assertThat(covered).as("every method of every guarded route").isEqualTo(everyGuardedRoute());
  }

  private static Expect expected(Principal principal, Place place, Request request) {
    if (principal == Principal.AGENT) {
      if (request.access() != Route.Access.AGENT) {
        return Expect.UNAUTHENTICATED;
      }
      return place == Place.OWN ? Expect.ALLOWED : Expect.FORBIDDEN;
    }
    if (request.access() == Route.Access.AGENT) {
      return Expect.UNAUTHENTICATED;
    }
    boolean read = request.method().equals("GET");
    boolean allowed =
        switch (principal) {
          case OWNER -> true;
          case READER ->
              request.access() == Route.Access.ARM && read && place != Place.OTHER_SUBSCRIPTION;
          case CONTRIBUTOR -> request.access() == Route.Access.ARM && place == Place.OWN;
          default -> false;
        };
    return allowed ? Expect.ALLOWED : Expect.FORBIDDEN;
  }

  /** Every method of every route but /healthz, on resources at {@code place}. */
  private static List<Request> requests(Place place) {
    String cluster = place.cluster("c1");
    String collection = cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
    String config = collection + "/cfg";
    String adminCluster = AdminApi.path(place.cluster("c-admin"));
    String agentCluster = URLEncoder.encode(place.cluster("agent"), StandardCharsets.UTF_8);
    String roleAssignment = RolesApi.BASE + "/matrix-" + place.name().toLowerCase();
    List<Request> all = new ArrayList<>();
    all.add(arm("GET", collection, null));
    for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
      all.add(arm(method, config, method.startsWith("P") ? BAD_BODY : null));
    }
    all.add(arm("GET", config + "/operations/00000000-0000-0000-0000-000000000000", null));
    all.add(arm("GET", config + "/operationResults/00000000-0000-0000-0000-000000000000", null));
    all.add(admin("GET", AdminApi.CLUSTERS, null));
    all.add(admin("GET", adminCluster, null));
    all.add(admin("PUT", adminCluster, BAD_BODY));
    all.add(admin("DELETE", adminCluster, null));
    all.add(admin("POST", adminCluster + "/credential", null));
    all.add(admin("DELETE", adminCluster + "/credential", null));
    all.add(admin("GET", RolesApi.BASE, null));
    all.add(admin("GET", roleAssignment, null));
    all.add(admin("PUT", roleAssignment, BAD_BODY));
    all.add(admin("DELETE", roleAssignment, null));
    // a body makes an allowed rotation answer 400 without rotating
    all.add(admin("POST", SecretAdminHandlers.BASE + "/rotate", BAD_BODY));
    all.add(agent("GET", "/agent/v1/desired?wait=0&cluster=" + agentCluster, null));
    all.add(agent("POST", "/agent/v1/reports?cluster=" + agentCluster, BAD_BODY));
    return all;
  }

  private static Request arm(String method, String path, String body) {
    return new Request(Route.Access.ARM, method, ArmClient.v(path), body);
  }

  private static Request admin(String method, String path, String body) {
    return new Request(Route.Access.ADMIN, method, path, body);
  }

  private static Request agent(String method, String path, String body) {
    return new Request(Route.Access.AGENT, method, path, body);
  }

  private static int send(ArmClient client, Request request) {
    return client.sendJson(request.method(), request.path(), request.body(), Map.of()).status();
  }

  /** The routing table, to check that the matrix walks all of it. */
  private static final Routes ROUTES =
      new Routes(
          new FluxConfigurationHandlers(null, Duration.ZERO, Duration.ZERO),
          new ClusterAdminHandlers(null),
          new RoleAssignmentHandlers(null),
          new AgentApiHandlers(null),
          new SecretAdminHandlers(null));

  private static String routeOf(Request request) {
    Method method = Method.create(request.method());
    Routes.Matched matched = ROUTES.match(method, request.path().split("\\?", 2)[0]);
    return request.method() + " " + ROUTES.all().indexOf(matched.route());
  }

  private static Set<String> everyGuardedRoute() {
    Set<String> all = new HashSet<>();
    List<Route> routes = ROUTES.all();
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).access() != Route.Access.OPEN) {
        int index = i;
        routes.get(i).handlers().keySet().forEach(m -> all.add(m.text() + " " + index));
      }
    }
    return all;
  }
}
