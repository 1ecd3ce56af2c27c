package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed's positions: {@code since=0}, a position never handed out, one older than the cluster's
 * registration or last change of kind give a snapshot of every configuration; the current position
 * gives nothing (after waiting); {@code limit} pages.
 */
class SnapshotTest {
  @RegisterExtension
  static final SharedTestServer server = SharedTestServer.with(AgentFixtures::agentsOnly);

  private static final ArmClient client = server.client();
  private static final AdminApi admin = new AdminApi(client);

  private static void create(String cluster, String name) {
    AgentFixtures.put(client, AdminApi.configuration(cluster, name), Bodies.git(), 201);
  }

  @Test
  void snapshotsListEveryConfigurationDeletingOnesIncluded() {
    String cluster = AdminApi.clusterId("snapshot-all");
    TestAgent agent = TestAgent.register(client, cluster);
    create(cluster, "a");
    create(cluster, "b");
    create(cluster, "c");
    assertThat(client.delete(v(AdminApi.configuration(cluster, "c"))).status()).isEqualTo(202);

    TestAgent.Page fromZero = agent.desired(0, 0);

    assertThat(fromZero.clusterId()).isEqualTo(cluster);
    assertThat(fromZero.snapshot()).isTrue();
    assertThat(fromZero.more()).isFalse();
    assertThat(fromZero.names()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(fromZero.entry("c").deleted()).isTrue();
    assertThat(fromZero.entry("a").deleted()).isFalse();
    long last = fromZero.entries().stream().mapToLong(TestAgent.Entry::seq).max().orElseThrow();
    assertThat(fromZero.seq()).isEqualTo(last);

    // a position the server never handed out
    TestAgent.Page fromFuture = agent.desired(1_000_000_000_000L, 0);
    assertThat(fromFuture.snapshot()).isTrue();
    assertThat(fromFuture.names()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(fromFuture.seq()).isEqualTo(fromZero.seq());

    // the current position: nothing, at once without wait, after the wait with it
    TestAgent.Page now = agent.desired(fromZero.seq(), 0);
    assertThat(now.entries()).isEmpty();
    assertThat(now.snapshot()).isFalse();
    assertThat(now.seq()).isEqualTo(fromZero.seq());
    long start = System.nanoTime();
    TestAgent.Page waited = agent.desired(fromZero.seq(), 1);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(waited.entries()).isEmpty();
    assertThat(waited.snapshot()).isFalse();
    assertThat(waited.seq()).isEqualTo(fromZero.seq());
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(5));

    // from the current position: only what changed since
    AgentFixtures.patch(
        client, AdminApi.configuration(cluster, "b"), "{\"properties\": {\"suspend\": true}}");
    TestAgent.Page changed = agent.desired(fromZero.seq(), 10);
    assertThat(changed.snapshot()).isFalse();
    assertThat(changed.names()).containsExactly("b");
    assertThat(changed.entry("b").generation()).isEqualTo(2);
    assertThat(changed.entry("b").properties().path("suspend").asBoolean()).isTrue();
    assertThat(changed.seq()).isGreaterThan(fromZero.seq());
  }

  @Test
  void anEmptyClusterSeesItsFirstConfigurationFromItsEmptySnapshot() {
    String cluster = AdminApi.clusterId("snapshot-empty");
    TestAgent agent = TestAgent.register(client, cluster);

    TestAgent.Page empty = agent.desired(0, 0);
    assertThat(empty.snapshot()).isTrue();
    assertThat(empty.entries()).isEmpty();
    assertThat(empty.more()).isFalse();
    assertThat(empty.seq()).isNotNegative();

    create(cluster, "first");
    TestAgent.Page next = agent.desired(empty.seq(), 10);
    assertThat(next.names()).containsExactly("first");
  }

  @Test
  void limitPagesTheSnapshot() {
    String cluster = AdminApi.clusterId("snapshot-pages");
    TestAgent agent = TestAgent.register(client, cluster);
    for (int i = 1; i <= 5; i++) {
      create(cluster, "p" + i);
    }

    TestAgent.Page first = agent.desired(0, 0, 2);
    assertThat(first.snapshot()).isTrue();
    assertThat(first.more()).isTrue();
    assertThat(first.names()).hasSize(2);
    TestAgent.Page second = agent.desired(first.seq(), 30, 2);
    assertThat(second.more()).isTrue();
    assertThat(second.names()).hasSize(2);
    TestAgent.Page third = agent.desired(second.seq(), 30, 2);
    assertThat(third.more()).isFalse();
    assertThat(third.names()).hasSize(1);

    List<TestAgent.Entry> all = new ArrayList<>();
    for (TestAgent.Page page : List.of(first, second, third)) {
      all.addAll(page.entries());
      assertThat(page.seq()).isEqualTo(page.entries().get(page.entries().size() - 1).seq());
    }
    assertThat(all.stream().map(TestAgent.Entry::name))
        .containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(all.stream().map(TestAgent.Entry::seq)).isSorted().doesNotHaveDuplicates();
    assertThat(agent.snapshot()).hasSize(1);
  }

  @Test
  void aPageThatEndsExactlyAtTheLastEntryHasNoMore() {
    String cluster = AdminApi.clusterId("snapshot-exact");
    TestAgent agent = TestAgent.register(client, cluster);
    for (int i = 1; i <= 4; i++) {
      create(cluster, "e" + i);
    }

    TestAgent.Page first = agent.desired(0, 0, 2);
    TestAgent.Page second = agent.desired(first.seq(), 0, 2);

    assertThat(first.more()).isTrue();
    assertThat(second.names()).containsExactly("e3", "e4");
    assertThat(second.more()).isFalse();
  }

  @Test
  void aPositionFromBeforeTheLastChangeOfKindGivesASnapshot() {
    String cluster = AdminApi.clusterId("snapshot-kind");
    TestAgent agent = TestAgent.register(client, cluster);
    create(cluster, "k1");
    long position = agent.position();
    assertThat(agent.desired(position, 0).entries()).isEmpty();

    admin.changeKind(cluster, "emulated");
    create(cluster, "k2");
    String credential = admin.changeKind(cluster, "agent");
    TestAgent again = agent.withCredential(credential);

    TestAgent.Page page = again.desired(position, 0);
    assertThat(page.snapshot()).as("%s", page.json()).isTrue();
    assertThat(page.names()).containsExactlyInAnyOrder("k1", "k2");
  }

  @Test
  void aPositionFromBeforeTheClusterWasRegisteredGivesASnapshot() {
    String older = AdminApi.clusterId("snapshot-older");
    TestAgent olderAgent = TestAgent.register(client, older);
    create(older, "o1");
    long position = olderAgent.position();

    String newer = AdminApi.clusterId("snapshot-newer");
    TestAgent newerAgent = TestAgent.register(client, newer);
    create(newer, "n1");

    TestAgent.Page page = newerAgent.desired(position, 0);
    assertThat(page.snapshot()).as("%s", page.json()).isTrue();
    assertThat(page.names()).containsExactly("n1");
  }
}
