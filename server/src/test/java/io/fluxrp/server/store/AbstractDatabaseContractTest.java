package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.cluster;
import static io.fluxrp.server.store.StoreFixtures.clusterKey;
import static io.fluxrp.server.store.StoreFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterKind;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.testing.HeldConnections;
import io.fluxrp.server.testing.TestSecrets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The contract of {@link Database}: transactions, retries and failure translation. */
abstract class AbstractDatabaseContractTest extends AbstractStoreContractTest {

  private final JdbcClusterStore clusters = new JdbcClusterStore();
  private final JdbcFluxConfigurationStore configurations = TestSecrets.configurationStore();

  /** Settings of a database server that does not answer (nothing listens at its address). */
  protected abstract StoreSettings unreachableSettings() throws Exception;

  /** Settings of another fresh database with a pool of {@code poolSize}. */
  protected abstract StoreSettings freshSettings(int poolSize) throws Exception;

  private boolean exists(Cluster cluster) {
    return db.read(tx -> clusters.find(tx, cluster.key())).isPresent();
  }

  /**
   * A write that counts its runs in {@code runs}, inserts {@code cluster} (unless null) and then
   * throws {@code failure}.
   */
  private ThrowingCallable failingWrite(AtomicInteger runs, Cluster cluster, Exception failure) {
    return () ->
        db.write(
            tx -> {
              runs.incrementAndGet();
              if (cluster != null) {
                clusters.insertIfAbsent(tx, cluster);
              }
              if (failure instanceof SQLException sql) {
                throw sql;
              }
              throw (RuntimeException) failure;
            });
  }

  @Test
  void writeCommitsAndReturnsTheWorkResult() {
    Cluster c = cluster("c1", ClusterKind.AGENT);

    assertThat(db.write((Tx tx) -> clusters.insertIfAbsent(tx, c))).isTrue();
    assertThat(exists(c)).isTrue();
  }

  @Test
  void aRuntimeExceptionRollsBackAndPassesThroughUnchanged() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    ArmException conflict = new ArmException(ArmErrorCode.ANOTHER_OPERATION_IN_PROGRESS, "refused");
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(failingWrite(runs, c, conflict)).isSameAs(conflict);
    assertThat(runs).hasValue(1);
    assertThat(exists(c)).isFalse();
  }

  @Test
  void anOrdinarySqlFailureRollsBackOnceAndBecomesAStoreException() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    SQLException syntax = new SQLException("simulated syntax error", "42000");
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(failingWrite(runs, c, syntax))
        .isInstanceOf(StoreException.class)
        .hasCause(syntax);
    assertThat(runs).hasValue(1);
    assertThat(exists(c)).isFalse();
  }

  @Test
  void aRealSqlErrorBecomesAStoreException() {
    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      try (var statement = tx.connection().createStatement()) {
                        return statement.execute("SELECT no_such_column FROM clusters");
                      }
                    }))
        .isInstanceOf(StoreException.class)
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void aTransientConflictIsRetriedAndCommitsOnce() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    AtomicInteger runs = new AtomicInteger();

    boolean inserted =
        db.write(
            tx -> {
              boolean result = clusters.insertIfAbsent(tx, c);
              if (runs.incrementAndGet() == 1) {
                throw new SQLException("simulated serialization failure", "40001");
              }
              return result;
            });

    assertThat(runs).hasValue(2);
    // true on the second run: the first run's insert was rolled back
    assertThat(inserted).isTrue();
    assertThat(db.read((Tx tx) -> clusters.listByKind(tx, ClusterKind.AGENT))).containsExactly(c);
  }

  @Test
  void aPersistentConflictGivesUpAfterTheRetries() {
    AtomicInteger runs = new AtomicInteger();

    SQLException deadlock = new SQLException("simulated deadlock", "40P01");

    assertThatThrownBy(failingWrite(runs, null, deadlock))
        .isInstanceOf(StoreException.class)
        .hasCause(deadlock);
    assertThat(runs).hasValue(1 + Database.MAX_RETRIES);
  }

  @Test
  void aUniqueViolationFromALostRaceIsRetriedWithFreshData() {
    StoredConfiguration existing = config("c1", "cfg", 1);
    db.write(
        tx -> {
          configurations.insert(tx, existing);
          return null;
        });
    AtomicInteger runs = new AtomicInteger();

    // like a create that checked before another request committed the same key
    String outcome =
        db.write(
            tx -> {
              boolean stale = runs.incrementAndGet() == 1;
              if (!stale && configurations.find(tx, existing.key()).isPresent()) {
                return "found";
              }
              configurations.insert(tx, config("c1", "cfg", 2));
              return "inserted";
            });

    assertThat(outcome).isEqualTo("found");
    assertThat(runs).hasValue(2);
  }

  @Test
  void aRealDeadlockIsResolvedByRetrying() throws Exception {
    Cluster a = cluster("a", ClusterKind.AGENT);
    Cluster b = cluster("b", ClusterKind.AGENT);
    db.write(tx -> clusters.insertIfAbsent(tx, a) && clusters.insertIfAbsent(tx, b));
    CyclicBarrier bothLockedOne = new CyclicBarrier(2);
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> ab = pool.submit(() -> lockInOrder(a, b, bothLockedOne, runs));
      Future<?> ba = pool.submit(() -> lockInOrder(b, a, bothLockedOne, runs));
      ab.get(60, TimeUnit.SECONDS);
      ba.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
  }

  private Object lockInOrder(
      Cluster first, Cluster second, CyclicBarrier barrier, AtomicInteger runs) {
    AtomicInteger mine = new AtomicInteger();
    return db.write(
        tx -> {
          runs.incrementAndGet();
          clusters.findForUpdate(tx, first.key()).orElseThrow();
          if (mine.incrementAndGet() == 1) {
            try {
              barrier.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          return clusters.findForUpdate(tx, second.key()).orElseThrow();
        });
  }

  @Test
  void readRunsOnceAndDoesNotRetry() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(
            () ->
                db.read(
                    tx -> {
                      runs.incrementAndGet();
                      throw new SQLException("simulated serialization failure", "40001");
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(runs).hasValue(1);
    assertThat(db.read((Tx tx) -> clusters.find(tx, clusterKey("c1")))).isEmpty();
  }

  @Test
  void aConnectionFailureIsUnavailableAndNotRetried() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(
            failingWrite(runs, null, new SQLException("simulated connection loss", "08006")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aClosedDatabaseIsUnavailable() {
    db.close();

    assertThatThrownBy(() -> db.write(tx -> clusters.find(tx, "x")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> db.read(tx -> clusters.find(tx, "x")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void anUnreachableDatabaseIsUnavailableAtOpen() throws Exception {
    StoreSettings unreachable = unreachableSettings();

    assertThatThrownBy(() -> Database.open(unreachable).close())
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aWorkThatFindsEveryConnectionInUseIsBusyNotUnavailable() throws Exception {
    try (Database small = Database.open(freshSettings(2), Duration.ofSeconds(2))) {
      try (HeldConnections busy = HeldConnections.take(small, 2)) {
        assertThatThrownBy(() -> small.write(tx -> clusters.find(tx, "x")))
            .isInstanceOf(StoreBusyException.class)
            .hasMessageContaining("every one of the 2 database connections");
      }
      assertThat(small.write((Tx tx) -> clusters.find(tx, "x"))).isEmpty();
    }
  }
}
