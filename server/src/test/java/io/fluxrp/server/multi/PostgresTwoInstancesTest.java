package io.fluxrp.server.multi;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestAgent;
import io.fluxrp.server.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one PostgreSQL: what one commits, the other serves, and an agent
 * long-polling one of them is woken by a write through the other (LISTEN/NOTIFY).
 */
class PostgresTwoInstancesTest {
  private static PostgresInstances instances;
  private static TestServer a;
  private static TestServer b;

  @BeforeAll
  static void start() {
    instances = new PostgresInstances();
    a = instances.start(true);
    b = instances.start(true);
  }

  @AfterAll
  static void stop() {
    instances.close();
  }

  @Test
  void aPutThroughOneInstanceSucceedsOnAnEmulatedClusterAndReadsTheSameThroughBoth() {
    ArmClient.Response put = b.client().put(v(config("e2e")), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);

    var operation = a.client().awaitOperation(put.header("Azure-AsyncOperation").orElseThrow());

    assertThat(operation.path("status").asText()).isEqualTo("Succeeded");
    ArmClient.Response viaA = a.client().get(v(config("e2e")));
    ArmClient.Response viaB = b.client().get(v(config("e2e")));
    assertThat(viaA.json().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(viaA.header("ETag")).isEqualTo(viaB.header("ETag"));
    assertThat(a.server().emulatedClusters().leading())
        .as("exactly one instance plays the emulated clusters")
        .isNotEqualTo(b.server().emulatedClusters().leading());
  }

  @Test
  void anAgentLongPollingOneInstanceIsWokenWithin200msByAWriteThroughTheOther() throws Exception {
    String cluster = AdminApi.clusterId("agent-" + System.nanoTime());
    TestAgent agent = TestAgent.register(a.client(), cluster);
    TestAgent.Page snapshot = agent.desired(0, 0);
    assertThat(snapshot.entries()).isEmpty();

    CompletableFuture<TestAgent.Page> poll =
        CompletableFuture.supplyAsync(() -> agent.desired(snapshot.seq(), 30));
    awaitWaiting(a, 1);
    long start = System.nanoTime();
    ArmClient.Response put =
        b.client().put(v(AdminApi.configuration(cluster, "cfg")), Bodies.git());
    TestAgent.Page page = poll.get(10, TimeUnit.SECONDS);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(put.status()).isEqualTo(201);
    assertThat(page.names()).containsExactly("cfg");
    assertThat(millis).as("PUT on B to the answer on A").isLessThan(200);
  }

  @Test
  void aListenerWhoseConnectionIsKilledReconnectsAndWakesAgentsAgain() throws Exception {
    try (Connection connection = instances.connect();
        Statement statement = connection.createStatement()) {
      Set<Integer> killed = listenerPids(statement);
      assertThat(killed).hasSize(2);
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE " + LISTENERS);
      awaitNewListeners(statement, killed);
    }

    anAgentLongPollingOneInstanceIsWokenWithin200msByAWriteThroughTheOther();
  }

  private static final String LISTENERS =
      "application_name = 'fluxrp change listener' AND datname = current_database()";

  private static Set<Integer> listenerPids(Statement statement) throws Exception {
    Set<Integer> pids = new HashSet<>();
    try (ResultSet row =
        statement.executeQuery(
            "SELECT pid FROM pg_stat_activity WHERE " + LISTENERS + " AND query LIKE 'LISTEN%'")) {
      while (row.next()) {
        pids.add(row.getInt(1));
      }
    }
    return pids;
  }

  /** Bounded wait until both instances listen again, on new connections. */
  private static void awaitNewListeners(Statement statement, Set<Integer> killed) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Set<Integer> now = listenerPids(statement);
      if (now.size() == 2 && now.stream().noneMatch(killed::contains)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the change listeners did not reconnect: " + now);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void anAgentSnapshotThroughEitherInstanceIsTheSame() {
    String cluster = AdminApi.clusterId("agent-snapshot");
    TestAgent viaA = TestAgent.register(a.client(), cluster);
    TestAgent viaB = new TestAgent(b.client()::base, cluster, viaA.credential());
    for (String name : new String[] {"one", "two", "three"}) {
      TestServer writer = name.length() == 3 ? a : b;
      assertThat(
              writer.client().put(v(AdminApi.configuration(cluster, name)), Bodies.git()).status())
          .isEqualTo(201);
    }

    TestAgent.Page fromA = viaA.desired(0, 0);
    TestAgent.Page fromB = viaB.desired(0, 0);

    assertThat(fromA.names()).containsExactlyInAnyOrder("one", "two", "three");
    assertThat(fromB.names()).containsExactlyElementsOf(fromA.names());
    assertThat(fromB.seq()).isEqualTo(fromA.seq());
  }

  /** Bounded wait until {@code n} feed requests are parked on {@code server}. */
  static void awaitWaiting(TestServer server, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.server().waitingFeedRequests() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the feed request never started waiting");
      }
      Thread.sleep(1);
    }
  }
}
