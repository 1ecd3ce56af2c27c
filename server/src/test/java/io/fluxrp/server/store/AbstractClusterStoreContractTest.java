package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.T0;
import static io.fluxrp.server.store.StoreFixtures.cluster;
import static io.fluxrp.server.store.StoreFixtures.clusterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.agentapi.AgentVersions;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.fluxrp.server.clusters.ClusterStore}. Stored instants have microsecond
 * precision.
 */
abstract class AbstractClusterStoreContractTest extends AbstractStoreContractTest {

  private final JdbcClusterStore store = new JdbcClusterStore();

  private Cluster find(String key) {
    return db.read(tx -> store.find(tx, key)).orElse(null);
  }

  @Test
  void insertIfAbsentInsertsOnceAndNeverOverwrites() {
    Cluster first = cluster("c1", ClusterKind.AGENT);
    Cluster second =
        new Cluster(
            first.key(),
            first.clusterId().toUpperCase(),
            ClusterKind.EMULATED,
            T0,
            T0,
            null,
            9,
            new AgentVersions("x", "y", "z"));

    assertThat(db.write((Tx tx) -> store.insertIfAbsent(tx, first))).isTrue();
    assertThat(db.write((Tx tx) -> store.insertIfAbsent(tx, second))).isFalse();
    assertThat(db.write((Tx tx) -> store.insertIfAbsent(tx, first))).isFalse();

    assertThat(find(first.key())).isEqualTo(first);
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, first.key()))).contains(first);
    assertThat(find(clusterKey("other"))).isNull();
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, clusterKey("other")))).isEmpty();
  }

  @Test
  void aTransactionStaysUsableAfterInsertIfAbsentFoundTheKey() {
    Cluster first = cluster("c1", ClusterKind.AGENT);
    Cluster other = cluster("c2", ClusterKind.AGENT);
    db.write(tx -> store.insertIfAbsent(tx, first));

    db.write(
        tx -> {
          assertThat(store.insertIfAbsent(tx, first)).isFalse();
          assertThat(store.insertIfAbsent(tx, other)).isTrue();
          return null;
        });
    assertThat(find(other.key())).isEqualTo(other);
  }

  @Test
  void insertIfAbsentRaceHasExactlyOneWinnerAndNoError() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String name = "race-" + round;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> results = new ArrayList<>();
        for (ClusterKind kind : ClusterKind.values()) {
          Cluster candidate = cluster(name, kind);
          results.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return db.write(tx -> store.insertIfAbsent(tx, candidate));
                  }));
        }
        boolean emulatedWon = results.get(0).get(30, TimeUnit.SECONDS);
        boolean agentWon = results.get(1).get(30, TimeUnit.SECONDS);

        assertThat(emulatedWon ^ agentWon).as("exactly one winner in round " + round).isTrue();
        assertThat(find(clusterKey(name)).kind())
            .isEqualTo(emulatedWon ? ClusterKind.EMULATED : ClusterKind.AGENT);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void insertIfAbsentWaitsForAnOpenTransactionThatInsertedTheKey() throws Exception {
    Cluster winner = cluster("c1", ClusterKind.AGENT);
    Cluster loser = cluster("c1", ClusterKind.EMULATED);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    try {
      Future<Boolean> first =
          pool.submit(
              () ->
                  db.write(
                      tx -> {
                        boolean result = store.insertIfAbsent(tx, winner);
                        inserted.countDown();
                        await(commit);
                        return result;
                      }));
      await(inserted);
      // the first transaction has inserted and stays open until the second one is waiting
      Future<Boolean> second = pool.submit(() -> db.write(tx -> store.insertIfAbsent(tx, loser)));
      assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS))
          .as("the second insert waits while the first transaction is open")
          .isInstanceOf(TimeoutException.class);
      commit.countDown();

      assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(second.get(30, TimeUnit.SECONDS)).isFalse();
      assertThat(find(winner.key())).isEqualTo(winner);
    } finally {
      commit.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void recordReportSetsTheLastReportTime() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    db.write(tx -> store.insertIfAbsent(tx, c));
    Instant at = Instant.parse("2025-06-02T01:02:03.456789123Z");

    db.write(
        tx -> {
          store.recordReport(tx, c.key(), at, null);
          store.recordReport(tx, clusterKey("unregistered"), at, null);
          return null;
        });

    Cluster read = find(c.key());
    assertThat(read.lastReportAt()).isEqualTo(Instant.parse("2025-06-02T01:02:03.456789Z"));
    assertThat(read.registeredAt()).isEqualTo(c.registeredAt());
    assertThat(find(clusterKey("unregistered"))).isNull();
  }

  @Test
  void listByKindReturnsOnlyThatKindOrderedByKey() {
    db.write(
        tx -> {
          store.insertIfAbsent(tx, cluster("b", ClusterKind.AGENT));
          store.insertIfAbsent(tx, cluster("c", ClusterKind.EMULATED));
          store.insertIfAbsent(tx, cluster("a", ClusterKind.AGENT));
          return null;
        });

    assertThat(db.read((Tx tx) -> store.listByKind(tx, ClusterKind.AGENT)))
        .extracting(Cluster::key)
        .containsExactly(clusterKey("a"), clusterKey("b"));
    assertThat(db.read((Tx tx) -> store.listByKind(tx, ClusterKind.EMULATED)))
        .containsExactly(cluster("c", ClusterKind.EMULATED));
  }

  @Test
  void findByCredentialFindsOnlyTheClusterWithThatHash() {
    Cluster agent = cluster("a", ClusterKind.AGENT).withCredential("sha256:aa");
    db.write(
        tx -> {
          store.insertIfAbsent(tx, agent);
          store.insertIfAbsent(tx, cluster("b", ClusterKind.EMULATED));
          store.insertIfAbsent(tx, cluster("c", ClusterKind.EMULATED));
          return null;
        });

    assertThat(db.read((Tx tx) -> store.findByCredential(tx, "sha256:aa"))).contains(agent);
    assertThat(db.read((Tx tx) -> store.findByCredential(tx, "sha256:bb"))).isEmpty();
  }

  @Test
  void twoClustersCannotShareACredential() {
    db.write(tx -> store.insertIfAbsent(tx, cluster("a", ClusterKind.AGENT).withCredential("h")));

    boolean inserted =
        db.write(
            (Tx tx) ->
                store.insertIfAbsent(tx, cluster("b", ClusterKind.AGENT).withCredential("h")));

    assertThat(inserted).isFalse();
    assertThat(find(clusterKey("b"))).isNull();
  }

  @Test
  void updateStoresKindCredentialAndFloorOnly() {
    Cluster c = cluster("c1", ClusterKind.EMULATED);
    db.write(tx -> store.insertIfAbsent(tx, c));
    Cluster changed = c.withKind(ClusterKind.AGENT, "sha256:new", 77);

    db.write(
        tx -> {
          store.update(tx, changed);
          return null;
        });

    assertThat(find(c.key())).isEqualTo(changed);
    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      store.update(tx, cluster("missing", ClusterKind.AGENT));
                      return null;
                    }))
        .hasMessageContaining("missing");
  }

  @Test
  void recordReportWithVersionsKeepsThemUntilTheNextVersions() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    db.write(tx -> store.insertIfAbsent(tx, c));
    AgentVersions versions = new AgentVersions("0.1.0", "v2.4.0", "v1.31.2");

    db.write(
        tx -> {
          store.recordReport(tx, c.key(), T0.plusSeconds(1), versions);
          store.recordReport(tx, c.key(), T0.plusSeconds(2), null);
          return null;
        });

    assertThat(find(c.key()).versions()).isEqualTo(versions);
    assertThat(find(c.key()).lastReportAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void deleteRemovesTheClusterAndIgnoresAMissingOne() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    db.write(tx -> store.insertIfAbsent(tx, c));

    db.write(
        tx -> {
          store.delete(tx, c.key());
          store.delete(tx, clusterKey("missing"));
          return null;
        });

    assertThat(find(c.key())).isNull();
  }

  @Test
  void listPagesByKeyWithoutGapsOrDuplicates() {
    List<String> keys = new ArrayList<>();
    db.write(
        tx -> {
          for (int i = 0; i < 7; i++) {
            Cluster c = cluster("k" + i, i % 2 == 0 ? ClusterKind.AGENT : ClusterKind.EMULATED);
            store.insertIfAbsent(tx, c);
            keys.add(c.key());
          }
          return null;
        });
    List<String> seen = new ArrayList<>();
    String after = null;
    while (true) {
      String from = after;
      List<Cluster> page = db.read((Tx tx) -> store.list(tx, from, 3));
      assertThat(page.size()).isLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(c -> seen.add(c.key()));
      after = page.get(page.size() - 1).key();
    }

    assertThat(seen).isEqualTo(keys.stream().sorted().toList());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
