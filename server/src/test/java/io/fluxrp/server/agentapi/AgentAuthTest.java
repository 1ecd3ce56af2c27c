package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may call what: an agent credential only on the agent API and only for its own cluster; user
 * tokens only on the ARM and admin APIs; bad query values and malformed reports are 400 and change
 * nothing.
 */
class AgentAuthTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);
  private static final String CLUSTER_A = AdminApi.clusterId("auth-a");
  private static final String CLUSTER_B = AdminApi.clusterId("auth-b");
  private static final String CONFIG_A = AdminApi.configuration(CLUSTER_A, "cfg-a");
  private static final String CONFIG_B = AdminApi.configuration(CLUSTER_B, "cfg-b");
  private static TestAgent agentA;
  private static TestAgent agentB;

  @BeforeAll
  static void registerTwoClusters() {
    agentA = TestAgent.register(client, CLUSTER_A);
    agentB = TestAgent.register(client, CLUSTER_B);
    AgentFixtures.put(client, CONFIG_A, Bodies.git(), 201);
    AgentFixtures.put(client, CONFIG_B, Bodies.git(), 201);
  }

  private static void assertUnauthenticated(ArmClient.Response response) {
    Arm.assertError(response, 401, "InvalidAuthenticationToken");
    assertThat(response.header("WWW-Authenticate").orElse(""))
        .as("WWW-Authenticate of %s", response)
        .startsWith("Bearer");
  }

  /** A request to the ARM or admin API with this Authorization header value. */
  private static ArmClient.Response userApi(String method, String path, String authorization) {
    return client.sendJson(
        method,
        path,
        method.equals("PUT") ? "{\"kind\": \"agent\"}" : null,
        Map.of("Authorization", authorization));
  }

  @Test
  void anAgentCredentialIsForbiddenOnAnotherClustersFeedAndReports() {
    TestAgent aAsB = agentA.forCluster(CLUSTER_B);

    Arm.assertError(aAsB.desiredResponse(0, 0, 0), 403, "AuthorizationFailed");
    Arm.assertError(
        aAsB.postReport(
            TestAgent.reportBody(TestAgent.applied("cfg-b", 1).compliance("Compliant"))),
        403,
        "AuthorizationFailed");
    assertThat(AgentFixtures.properties(client, CONFIG_B).path("provisioningState").asText())
        .isEqualTo("Creating");
    assertThat(admin.show(CLUSTER_B).has("lastSeenAt")).isFalse();

    // whether or not the other cluster exists
    TestAgent aAsNobody = agentA.forCluster(AdminApi.clusterId("auth-unregistered"));
    Arm.assertError(aAsNobody.desiredResponse(0, 0, 0), 403, "AuthorizationFailed");
    Arm.assertError(aAsNobody.postReport(TestAgent.reportBody()), 403, "AuthorizationFailed");

    // a report on its own cluster about another cluster's configuration name touches nothing there
    TestAgent.Results foreign =
        agentA.report(TestAgent.applied("cfg-b", 1).compliance("Compliant"));
    assertThat(foreign.result("cfg-b")).isNotEqualTo("Accepted");
    assertThat(AgentFixtures.properties(client, CONFIG_B).path("provisioningState").asText())
        .isEqualTo("Creating");
    assertThat(admin.show(CLUSTER_B).has("lastSeenAt")).isFalse();

    // its own cluster, for contrast
    assertThat(agentA.desired(0, 0).names()).containsExactly("cfg-a");
    assertThat(agentB.desired(0, 0).names()).containsExactly("cfg-b");
  }

  @Test
  void anAgentCredentialIsNotAUserToken() {
    String bearer = "Bearer " + agentA.credential();

    assertUnauthenticated(userApi("GET", v(CONFIG_A), bearer));
    assertUnauthenticated(userApi("GET", v(ArmClient.COLLECTION), bearer));
    assertUnauthenticated(userApi("GET", AdminApi.path(CLUSTER_A), bearer));
    assertUnauthenticated(userApi("GET", AdminApi.CLUSTERS, bearer));
    assertUnauthenticated(
        userApi("PUT", AdminApi.path(AdminApi.clusterId("auth-by-agent")), bearer));
    Arm.assertError(admin.get(AdminApi.clusterId("auth-by-agent")), 404, "ResourceNotFound");
  }

  @Test
  void aUserTokenIsNotAnAgentCredential() {
    TestAgent withUserToken = agentA.withCredential(client.token());

    assertUnauthenticated(withUserToken.desiredResponse(0, 0, 0));
    assertUnauthenticated(
        withUserToken.postReport(
            TestAgent.reportBody(TestAgent.applied("cfg-a", 1).compliance("Compliant"))));
    assertThat(AgentFixtures.properties(client, CONFIG_A).path("provisioningState").asText())
        .isEqualTo("Creating");
  }

  @Test
  void noOrAnUnknownCredentialIs401() {
    TestAgent anonymous = agentA.withCredential(null);
    assertUnauthenticated(anonymous.desiredResponse(0, 0, 0));
    assertUnauthenticated(anonymous.postReport(TestAgent.reportBody()));

    String forged = "fxa_" + "A".repeat(43);
    assertUnauthenticated(agentA.withCredential(forged).desiredResponse(0, 0, 0));
    assertUnauthenticated(
        agentA.withCredential(agentA.credential() + "x").desiredResponse(0, 0, 0));
    assertUnauthenticated(
        agentA.send(
            "GET",
            "/agent/v1/desired?cluster=" + TestAgent.encode(CLUSTER_A),
            null,
            "Basic " + agentA.credential(),
            Duration.ofSeconds(10)));
  }

  @Test
  void aRotatedCredentialStopsWorkingAtOnce() {
    String cluster = AdminApi.clusterId("auth-rotate");
    TestAgent old = TestAgent.register(client, cluster);
    assertThat(old.desired(0, 0).snapshot()).isTrue();

    String rotated = admin.rotate(cluster);

    assertThat(rotated).isNotEqualTo(old.credential());
    assertUnauthenticated(old.desiredResponse(0, 0, 0));
    assertUnauthenticated(old.postReport(TestAgent.reportBody()));
    assertThat(old.withCredential(rotated).desired(0, 0).snapshot()).isTrue();
  }

  @Test
  void badQueryValuesAre400() {
    String cluster = "cluster=" + TestAgent.encode(CLUSTER_A);
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry(cluster + "&wait=61", "wait"),
            Map.entry(cluster + "&wait=-1", "wait"),
            Map.entry(cluster + "&wait=soon", "wait"),
            Map.entry(cluster + "&since=-1", "since"),
            Map.entry(cluster + "&since=abc", "since"),
            Map.entry(cluster + "&since=1.5", "since"),
            Map.entry(cluster + "&limit=0", "limit"),
            Map.entry(cluster + "&limit=501", "limit"),
            Map.entry(cluster + "&limit=many", "limit"),
            Map.entry("since=0", "cluster"),
            Map.entry("cluster=", "cluster"));
    bad.forEach(
        (query, parameter) -> {
          ArmClient.Response response =
              agentA.send(
                  "GET",
                  "/agent/v1/desired?" + query,
                  null,
                  "Bearer " + agentA.credential(),
                  Duration.ofSeconds(10));
          JsonNode error = Arm.assertError(response, 400, "InvalidQueryParameter");
          assertThat(error.path("target").asText() + " " + error.path("message").asText())
              .as("%s names the parameter: %s", query, response)
              .contains(parameter);
        });
    ArmClient.Response noCluster =
        agentA.send(
            "POST",
            "/agent/v1/reports",
            TestAgent.reportBody(),
            "Bearer " + agentA.credential(),
            Duration.ofSeconds(10));
    Arm.assertError(noCluster, 400, "InvalidQueryParameter");

    // the limits themselves are fine
    assertThat(agentA.desiredResponse(0, 60, 500).status()).isEqualTo(200);
    assertThat(agentA.desiredResponse(0, 0, 1).status()).isEqualTo(200);
  }

  @Test
  void malformedReportsAre400AndChangeNothing() {
    String cluster = AdminApi.clusterId("auth-malformed");
    TestAgent agent = TestAgent.register(client, cluster);
    String id = AdminApi.configuration(cluster, "cfg-m");
    AgentFixtures.put(client, id, Bodies.git(), 201);
    long generation = agent.desired(0, 0).entry("cfg-m").generation();
    String valid = TestAgent.applied("cfg-m", generation).compliance("Compliant").json().toString();
    JsonNode before = AgentFixtures.get(client, id);

    String agentBlock =
        TestAgent.versions(
                TestAgent.AGENT_VERSION, TestAgent.FLUX_VERSION, TestAgent.KUBERNETES_VERSION)
            .toString();
    StringBuilder tooMany = new StringBuilder(valid);
    for (int i = 1; i <= 1000; i++) {
      tooMany.append(',').append(TestAgent.applied("other-" + i, 1).json());
    }
    String prefix = "{\"agent\": " + agentBlock + ", \"configurations\": [" + valid + ", ";
    String[] bodies = {
      "",
      "not json",
      "[]",
      "{\"agent\": " + agentBlock + ", \"configurations\": {}}",
      prefix + "{\"name\": \"cfg-m\", \"generation\": " + generation + ", \"outcome\": \"Done\"}]}",
      prefix + "{\"name\": \"cfg-m\", \"outcome\": \"Applied\"}]}",
      prefix + "{\"name\": \"cfg-m\", \"generation\": \"one\", \"outcome\": \"Applied\"}]}",
      prefix + "{\"generation\": 1, \"outcome\": \"Applied\"}]}",
      prefix
          + "{\"name\": \"cfg-m\", \"generation\": "
          + generation
          + ", \"outcome\": \"Applied\", \"complianceState\": \"Green\"}]}",
      prefix
          + "{\"name\": \"cfg-m\", \"generation\": "
          + generation
          + ", \"outcome\": \"Applied\", \"statuses\": \"all good\"}]}",
      "{\"agent\": \"0.1.0\", \"configurations\": [" + valid + "]}",
      "{\"agent\": " + agentBlock + ", \"configurations\": [" + valid + "]} trailing",
      "{\"agent\": " + agentBlock + ", \"configurations\": [" + tooMany + "]}"
    };
    for (String body : bodies) {
      ArmClient.Response response = agent.postReport(body);
      Arm.assertError(response, 400, "InvalidRequestContent");
    }

    assertThat(AgentFixtures.get(client, id)).isEqualTo(before);
    assertThat(before.at("/properties/provisioningState").asText()).isEqualTo("Creating");
    assertThat(agent.desired(0, 0).entry("cfg-m").reportedGeneration()).isZero();
    JsonNode shown = admin.show(cluster);
    assertThat(shown.has("lastSeenAt")).as("a refused report is no heartbeat: %s", shown).isFalse();
    assertThat(shown.path("connectionState").asText()).isEqualTo("NeverConnected");

    // exactly 1000 configurations are fine
    StringBuilder thousand = new StringBuilder(TestAgent.applied("other-0", 1).json().toString());
    for (int i = 1; i < 1000; i++) {
      thousand.append(',').append(TestAgent.applied("other-" + i, 1).json());
    }
    ArmClient.Response full =
        agent.postReport("{\"agent\": " + agentBlock + ", \"configurations\": [" + thousand + "]}");
    assertThat(full.status()).as("%s", full).isEqualTo(200);
    assertThat(full.json().path("results").size()).isEqualTo(1000);
    assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
        .isEqualTo("Creating");

    // the valid part alone is taken
    String alone = "{\"agent\": " + agentBlock + ", \"configurations\": [" + valid + "]}";
    assertThat(agent.postReport(alone).status()).isEqualTo(200);
    assertThat(AgentFixtures.properties(client, id).path("provisioningState").asText())
        .isEqualTo("Succeeded");
  }
}
