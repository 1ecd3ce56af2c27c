package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Database} contract on the embedded H2 database, and what only H2 needs. */
class H2DatabaseTest extends AbstractDatabaseContractTest {

  @TempDir Path dir;

  @Override
  protected Database openDatabase() {
    return H2TestDatabases.open(dir);
  }

  @Override
  protected StoreSettings unreachableSettings() throws Exception {
    return H2TestDatabases.unreachable();
  }

  @Override
  protected StoreSettings freshSettings(int poolSize) {
    return new StoreSettings(dir.resolve("another"), null, null, null, poolSize);
  }

  @Test
  void theEmbeddedDatabaseIsAFileInTheDataDirectoryWithDurableSettings() {
    assertThat(db.dialect()).isInstanceOf(H2Dialect.class);
    assertThat(Files.isRegularFile(dir.resolve("data").resolve("fluxrp.mv.db"))).isTrue();

    assertThat(
            query(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'"))
        .isEqualTo("0");
    assertThat(query("SELECT LOCK_TIMEOUT()")).isEqualTo("10000");
    assertThat(
            query(
                "SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS"
                    + " WHERE SESSION_ID = SESSION_ID()"))
        .isEqualTo("READ COMMITTED");
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    Cluster c = cluster("c1", ClusterKind.AGENT);
    JdbcClusterStore clusters = new JdbcClusterStore();
    db.write(tx -> clusters.insertIfAbsent(tx, c));
    db.close();

    db = H2TestDatabases.open(dir);
    assertThat(db.read((Tx tx) -> clusters.find(tx, c.key()))).contains(c);
  }

  @Test
  void pagingFeedAndMaintenanceQueriesUseIndexes() {
    assertThat(plan(JdbcFluxConfigurationStore.LIST_FIRST, s -> set(s, "c", 10)))
        .contains("PRIMARY_KEY")
        .contains("index sorted");
    assertThat(plan(JdbcFluxConfigurationStore.LIST_AFTER, s -> set(s, "c", "n", 10)))
        .contains("PRIMARY_KEY")
        .contains("NAME_KEY >")
        .contains("index sorted");
    assertThat(plan(JdbcFluxConfigurationStore.CHANGED_SINCE, s -> set(s, "c", 5L, 10)))
        .contains("FLUX_CONFIGURATIONS_FEED")
        .contains("SEQ >")
        .contains("index sorted");
    assertThat(plan(JdbcOperationStore.RUNNING_PAST_DEADLINE, s -> set(s, Instant.now(), 10)))
        .contains("OPERATIONS_RUNNING_DEADLINE")
        .contains("DEADLINE <=");
    assertThat(plan(JdbcOperationStore.DELETE_ENDED_BEFORE, s -> set(s, Instant.now(), 10)))
        .contains("OPERATIONS_END_TIME")
        .contains("index sorted");
  }

  @Test
  void aDatabaseShutDownUnderATransactionIsUnavailable() {
    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      try (Statement statement = tx.connection().createStatement()) {
                        statement.execute("SHUTDOWN");
                      }
                      return null;
                    }))
        .isInstanceOf(StoreUnavailableException.class);
  }

  private String query(String sql) {
    return db.read(
        tx -> {
          try (Statement statement = tx.connection().createStatement();
              ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
          }
        });
  }

  private String plan(String sql, Consumer<PreparedStatement> parameters) {
    return db.read(
        tx -> {
          try (PreparedStatement statement = tx.connection().prepareStatement("EXPLAIN " + sql)) {
            parameters.accept(statement);
            try (ResultSet row = statement.executeQuery()) {
              row.next();
              return row.getString(1);
            }
          }
        });
  }

  private static void set(PreparedStatement statement, Object... values) {
    try {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Instant instant) {
          JdbcColumns.setInstant(statement, i + 1, instant);
        } else {
          statement.setObject(i + 1, values[i]);
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
