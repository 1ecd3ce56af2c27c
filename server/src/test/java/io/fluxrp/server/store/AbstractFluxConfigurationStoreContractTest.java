package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.clusterKey;
import static io.fluxrp.server.store.StoreFixtures.config;
import static io.fluxrp.server.store.StoreFixtures.fullConfig;
import static io.fluxrp.server.store.StoreFixtures.withSeq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.secrets.KeyRing;
import io.fluxrp.server.secrets.SecretCipher;
import io.fluxrp.server.secrets.SecretsException;
import io.fluxrp.server.testing.TestSecrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.fluxrp.server.fluxconfig.FluxConfigurationStore}. */
abstract class AbstractFluxConfigurationStoreContractTest extends AbstractStoreContractTest {

  private final JdbcFluxConfigurationStore store = TestSecrets.configurationStore();

  private void insert(StoredConfiguration c) {
    db.write(
        tx -> {
          store.insert(tx, c);
          return null;
        });
  }

  private StoredConfiguration find(ConfigKey key) {
    return db.read(tx -> store.find(tx, key)).orElse(null);
  }

  @Test
  void everyFieldRoundTrips() {
    StoredConfiguration full = fullConfig("c1", "Full-Config", 42);
    insert(full);

    assertThat(find(full.key())).isEqualTo(full);
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, full.key()))).contains(full);
  }

  @Test
  void instantsInsideJsonKeepNanoseconds() {
    StoredConfiguration full = fullConfig("c1", "nanos", 1);
    insert(full);

    StoredConfiguration read = find(full.key());
    assertThat(read.reported().sourceUpdatedAt().getNano()).isEqualTo(987_654_321);
    assertThat(read.systemData().createdAt().getNano()).isEqualTo(1);
  }

  @Test
  void absentOptionalValuesReadBackInTheirNormalForm() {
    StoredConfiguration minimal = config("c1", "minimal", 1);
    StoredConfiguration nulls =
        new StoredConfiguration(
            minimal.key(),
            minimal.resourceId(),
            minimal.name(),
            minimal.seq(),
            minimal.generation(),
            minimal.lifecycle(),
            minimal.desired(),
            null,
            minimal.provisioningState(),
            null,
            null,
            null,
            null);
    insert(nulls);

    StoredConfiguration read = find(nulls.key());
    // secrets: null or empty is stored as NULL and always read back as an empty object
    assertThat(read.secrets()).isEqualTo(Json.mapper().createObjectNode());
    // reported: null is read back as NONE
    assertThat(read.reported()).isEqualTo(ReportedStatus.NONE);
    assertThat(read.systemData()).isNull();
    assertThat(read.errorMessage()).isNull();
    assertThat(read.currentOperationId()).isNull();
    assertThat(read).isEqualTo(minimal);
  }

  @Test
  void longArmIdsAndLargeDocumentsFit() {
    String longCluster = "c".repeat(1_400);
    StoredConfiguration c = fullConfig(longCluster, "n".repeat(200), 1);
    StringBuilder bigValue = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      bigValue.append("line ").append(i).append('\n');
    }
    c.desired().put("big", bigValue.toString());
    insert(c);

    assertThat(c.resourceId().length()).isGreaterThan(1_500);
    assertThat(find(c.key())).isEqualTo(c);
  }

  @Test
  void findOfAMissingKeyIsEmpty() {
    insert(config("c1", "present", 1));

    assertThat(find(ConfigKey.of(StoreFixtures.clusterId("c1"), "absent"))).isNull();
    assertThat(find(ConfigKey.of(StoreFixtures.clusterId("c2"), "present"))).isNull();
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, new ConfigKey("x", "y")))).isEmpty();
  }

  @Test
  void updateReplacesEveryNonKeyField() {
    StoredConfiguration created = config("c1", "Cfg", 1);
    insert(created);
    StoredConfiguration full = fullConfig("c1", "CFG", 2);
    assertThat(full.key()).isEqualTo(created.key());

    db.write(
        tx -> {
          store.update(tx, full);
          return null;
        });
    assertThat(find(created.key())).isEqualTo(full);

    // and back to the minimal form: nullable columns are cleared
    db.write(
        tx -> {
          store.update(tx, created);
          return null;
        });
    assertThat(find(created.key())).isEqualTo(created);
  }

  @Test
  void updateOfAMissingRowFailsAndRollsBackTheTransaction() {
    StoredConfiguration other = config("c1", "other", 1);

    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      store.insert(tx, other);
                      store.update(tx, config("c1", "missing", 2));
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no configuration to update");
    assertThat(find(other.key())).isNull();
  }

  @Test
  void writesAtTheNextSeqTakeAFreshPositionAndReturnTheRowAsStored() {
    long before = db.write(store::nextSeq);
    StoredConfiguration created =
        db.write(tx -> store.insertAtNextSeq(tx, config("c1", "moving", 0)));
    StoredConfiguration moved =
        db.write(
            tx ->
                store.updateAtNextSeq(
                    tx, created.withProvisioning(ProvisioningState.SUCCEEDED, null)));

    assertThat(created.seq()).isGreaterThan(before);
    assertThat(moved.seq()).isGreaterThan(created.seq());
    assertThat(moved.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    assertThat(find(created.key())).isEqualTo(moved);
    assertThat(db.write(store::nextSeq)).isGreaterThan(moved.seq());
  }

  @Test
  void updateAtTheNextSeqOfAMissingRowFails() {
    assertThatThrownBy(() -> db.write(tx -> store.updateAtNextSeq(tx, config("c1", "missing", 0))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no configuration to update");
  }

  @Test
  void deleteRemovesTheRowAndIgnoresAMissingOne() {
    StoredConfiguration a = config("c1", "a", 1);
    StoredConfiguration b = config("c1", "b", 2);
    insert(a);
    insert(b);

    db.write(
        tx -> {
          store.delete(tx, a.key());
          store.delete(tx, a.key());
          store.delete(tx, new ConfigKey("no", "such"));
          return null;
        });

    assertThat(find(a.key())).isNull();
    assertThat(find(b.key())).isEqualTo(b);
  }

  @Test
  void insertOfAnExistingKeyFails() {
    insert(config("c1", "dup", 1));

    assertThatThrownBy(() -> insert(config("c1", "DUP", 2))).isInstanceOf(StoreException.class);
  }

  @Test
  void listVisiblePagesByNameKeyWithoutGapsOrDuplicates() {
    List<String> expected = new ArrayList<>();
    List<StoredConfiguration> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      // names whose order differs from insertion order and from seq order
      String name = String.format("cfg-%03d-%s", (i * 37) % 250, i % 2 == 0 ? "x" : "y");
      Lifecycle lifecycle =
          i % 10 == 3
              ? Lifecycle.FORCE_DELETED
              : i % 10 == 5 ? Lifecycle.DELETING : Lifecycle.ACTIVE;
      rows.add(withSeq(config("c1", name, 0), 1_000 + i, lifecycle));
      if (lifecycle.visible()) {
        expected.add(name);
      }
    }
    Collections.shuffle(rows, new Random(7));
    db.write(
        tx -> {
          for (StoredConfiguration row : rows) {
            store.insert(tx, row);
          }
          // another cluster, whose rows sort between and around ours, must not show
          store.insert(tx, config("c0", "cfg-000-a", 1));
          store.insert(tx, config("c2", "cfg-100-a", 2));
          store.insert(tx, config("c2", "zzz", 3));
          return null;
        });
    Collections.sort(expected);
    assertThat(expected).hasSize(225);

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String after = null;
    while (true) {
      String cursor = after;
      List<StoredConfiguration> page =
          db.read(tx -> store.listVisible(tx, clusterKey("c1"), cursor, 100));
      if (page.isEmpty()) {
        break;
      }
      pageSizes.add(page.size());
      for (StoredConfiguration c : page) {
        assertThat(c.key().clusterKey()).isEqualTo(clusterKey("c1"));
        assertThat(c.lifecycle()).isNotEqualTo(Lifecycle.FORCE_DELETED);
        seen.add(c.name());
      }
      after = page.getLast().key().nameKey();
    }

    assertThat(pageSizes).containsExactly(100, 100, 25);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void listVisibleStartsStrictlyAfterTheCursorAndHonoursTheLimit() {
    db.write(
        tx -> {
          for (String name : List.of("a", "b", "c", "d")) {
            store.insert(tx, config("c1", name, name.charAt(0)));
          }
          return null;
        });

    assertThat(names(db.read(tx -> store.listVisible(tx, clusterKey("c1"), "b", 10))))
        .containsExactly("c", "d");
    assertThat(names(db.read(tx -> store.listVisible(tx, clusterKey("c1"), "bb", 10))))
        .containsExactly("c", "d");
    assertThat(names(db.read(tx -> store.listVisible(tx, clusterKey("c1"), null, 2))))
        .containsExactly("a", "b");
    assertThat(db.read((Tx tx) -> store.listVisible(tx, clusterKey("c1"), "d", 10))).isEmpty();
    assertThat(db.read((Tx tx) -> store.listVisible(tx, clusterKey("c1"), null, 0))).isEmpty();
    assertThat(db.read((Tx tx) -> store.listVisible(tx, clusterKey("none"), null, 10))).isEmpty();
  }

  @Test
  void changedSinceFollowsSeqOrderFromExclusiveBoundaryPerCluster() {
    // c1: a, b, c, d, e get seqs in that order; then b changes (new seq) and d is force-deleted
    List<Long> seqs = new ArrayList<>();
    db.write(
        tx -> {
          for (String name : List.of("a", "b", "c")) {
            long seq = store.nextSeq(tx);
            seqs.add(seq);
            store.insert(tx, config("c1", name, seq));
          }
          store.insert(tx, config("c2", "other", store.nextSeq(tx)));
          for (String name : List.of("d", "e")) {
            long seq = store.nextSeq(tx);
            seqs.add(seq);
            store.insert(tx, config("c1", name, seq));
          }
          return null;
        });
    db.write(
        tx -> {
          ConfigKey b = ConfigKey.of(StoreFixtures.clusterId("c1"), "b");
          store.update(
              tx,
              withSeq(
                  store.findForUpdate(tx, b).orElseThrow(), store.nextSeq(tx), Lifecycle.ACTIVE));
          ConfigKey d = ConfigKey.of(StoreFixtures.clusterId("c1"), "d");
          store.update(
              tx,
              withSeq(
                  store.findForUpdate(tx, d).orElseThrow(),
                  store.nextSeq(tx),
                  Lifecycle.FORCE_DELETED));
          return null;
        });
    long seqOfE = seqs.get(4);

    List<StoredConfiguration> all = db.read(tx -> store.changedSince(tx, clusterKey("c1"), 0, 100));
    assertThat(names(all)).containsExactly("a", "c", "e", "b", "d");
    assertThat(all).extracting(StoredConfiguration::seq).isSorted().doesNotHaveDuplicates();
    assertThat(all.getLast().lifecycle()).isEqualTo(Lifecycle.FORCE_DELETED);

    assertThat(names(db.read(tx -> store.changedSince(tx, clusterKey("c1"), seqOfE, 100))))
        .containsExactly("b", "d");
    assertThat(names(db.read(tx -> store.changedSince(tx, clusterKey("c1"), seqOfE - 1, 100))))
        .containsExactly("e", "b", "d");
    assertThat(names(db.read(tx -> store.changedSince(tx, clusterKey("c1"), 0, 2))))
        .containsExactly("a", "c");
    long last = all.getLast().seq();
    assertThat(db.read((Tx tx) -> store.changedSince(tx, clusterKey("c1"), last, 100))).isEmpty();
    assertThat(names(db.read(tx -> store.changedSince(tx, clusterKey("c2"), 0, 100))))
        .containsExactly("other");
    assertThat(db.read((Tx tx) -> store.changedSince(tx, clusterKey("c3"), 0, 100))).isEmpty();
  }

  @Test
  void seqCeilingIsNeverBelowAValueHandedOut() {
    long first = db.write(store::nextSeq);
    assertThat(db.read(store::seqCeiling)).isGreaterThanOrEqualTo(first);
    for (int i = 0; i < 40; i++) { // past H2's sequence cache of 32 values
      db.write(store::nextSeq);
    }
    long newest = db.write(store::nextSeq);

    assertThat(db.read(store::seqCeiling)).isGreaterThanOrEqualTo(newest);
  }

  @Test
  void countByClustersCountsTheClustersOfAKeyRangeInOneQuery() {
    insert(config("c1", "a", 1));
    insert(config("c2", "a", 2));
    insert(config("c2", "b", 3).tombstone().restamped(4));
    insert(config("c3", "a", 5));
    insert(config("c4", "a", 6));

    Map<String, Long> all = db.read((Tx tx) -> store.countByClusters(tx, null, clusterKey("c4")));
    Map<String, Long> middle =
        db.read((Tx tx) -> store.countByClusters(tx, clusterKey("c1"), clusterKey("c3")));

    assertThat(all)
        .containsOnly(
            Map.entry(clusterKey("c1"), 1L),
            Map.entry(clusterKey("c2"), 2L),
            Map.entry(clusterKey("c3"), 1L),
            Map.entry(clusterKey("c4"), 1L));
    assertThat(middle)
        .containsOnly(Map.entry(clusterKey("c2"), 2L), Map.entry(clusterKey("c3"), 1L));
  }

  @Test
  void countByClusterCountsEveryLifecycleOfThatClusterOnly() {
    insert(config("c1", "a", 1));
    insert(config("c1", "b", 2).tombstone().restamped(3));
    insert(config("c2", "a", 4));

    assertThat(db.read((Tx tx) -> store.countByCluster(tx, clusterKey("c1")))).isEqualTo(2);
    assertThat(db.read((Tx tx) -> store.countByCluster(tx, clusterKey("c2")))).isEqualTo(1);
    assertThat(db.read((Tx tx) -> store.countByCluster(tx, clusterKey("c3")))).isZero();
  }

  @Test
  void nextSeqIsStrictlyIncreasingAndNeverReusedAfterARollback() {
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      values.addAll(db.write(tx -> List.of(store.nextSeq(tx), store.nextSeq(tx))));
    }
    long[] rolledBack = new long[1];
    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      rolledBack[0] = store.nextSeq(tx);
                      throw new IllegalStateException("abort");
                    }))
        .hasMessage("abort");
    long after = db.write(store::nextSeq);

    assertThat(values).isSorted().doesNotHaveDuplicates();
    assertThat(values.getFirst()).isPositive();
    assertThat(rolledBack[0]).isGreaterThan(values.getLast());
    assertThat(after).isGreaterThan(rolledBack[0]);
  }

  @Test
  void nextSeqIsUniqueAcrossConcurrentTransactions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    mine.add(db.write(store::nextSeq));
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> future : futures) {
        List<Long> mine = future.get(30, TimeUnit.SECONDS);
        assertThat(mine).isSorted().doesNotHaveDuplicates();
        all.addAll(mine);
      }
      assertThat(all).hasSize(200).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void findForUpdateSerializesReadModifyWrite() throws Exception {
    StoredConfiguration initial = config("c1", "counter", 1);
    insert(initial);
    int threads = 4;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < increments; i++) {
                    db.write(
                        tx -> {
                          StoredConfiguration c =
                              store.findForUpdate(tx, initial.key()).orElseThrow();
                          store.update(tx, withSeq(c, c.seq(), c.lifecycle()));
                          return null;
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(find(initial.key()).generation())
        .isEqualTo(initial.generation() + threads * increments);
  }

  @Test
  void provisioningStateAndLifecycleValuesAllRoundTrip() {
    int i = 0;
    for (ProvisioningState state : ProvisioningState.values()) {
      for (Lifecycle lifecycle : Lifecycle.values()) {
        StoredConfiguration base = config("c1", "s" + i, 100 + i);
        StoredConfiguration c =
            new StoredConfiguration(
                base.key(),
                base.resourceId(),
                base.name(),
                base.seq(),
                base.generation(),
                lifecycle,
                base.desired(),
                base.secrets(),
                state,
                state.terminal() ? "message " + i : null,
                base.currentOperationId(),
                base.reported(),
                base.systemData());
        insert(c);
        assertThat(find(c.key())).isEqualTo(c);
        i++;
      }
    }
  }

  @Test
  void reencryptionRewritesInKeyOrderOnlyWhatIsNotSealedWithTheNewestKey() {
    List<StoredConfiguration> sealed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sealed.add(fullConfig("c" + (i % 2), "sealed-" + i, 100 + i));
      insert(sealed.getLast());
    }
    insert(config("c1", "no-secrets", 200));
    KeyRing newer = TestSecrets.RING.with(KeyRing.newKey(java.time.Clock.systemUTC()));
    JdbcFluxConfigurationStore rotated = new JdbcFluxConfigurationStore(new SecretCipher(newer));

    JdbcFluxConfigurationStore.Reencrypted first =
        db.write(tx -> rotated.reencryptBatch(tx, null, 3));
    JdbcFluxConfigurationStore.Reencrypted rest =
        db.write(tx -> rotated.reencryptBatch(tx, first.last(), 3));
    JdbcFluxConfigurationStore.Reencrypted again =
        db.write(tx -> rotated.reencryptBatch(tx, null, 10));

    assertThat(List.of(first.scanned(), first.rewritten(), rest.scanned(), rest.rewritten()))
        .containsExactly(3, 3, 2, 2);
    assertThat(first.last()).isEqualTo(ConfigKey.of(StoreFixtures.clusterId("c0"), "sealed-4"));
    assertThat(List.of(again.scanned(), again.rewritten())).containsExactly(5, 0);
    for (StoredConfiguration c : sealed) {
      java.util.Optional<StoredConfiguration> read = db.read(tx -> rotated.find(tx, c.key()));
      assertThat(read).contains(c);
      assertThatThrownBy(() -> find(c.key()))
          .isInstanceOf(SecretsException.class)
          .hasMessageContaining(newer.current().id());
    }
  }

  private static List<String> names(List<StoredConfiguration> configurations) {
    return configurations.stream().map(StoredConfiguration::name).toList();
  }
}
