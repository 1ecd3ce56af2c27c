package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@link Database} contract on a real PostgreSQL. */
class PostgresDatabaseTest extends AbstractDatabaseContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }

  @Override
  protected StoreSettings freshSettings(int poolSize) {
    return PostgresTestDatabases.fresh(poolSize);
  }

  /** A port where nothing listens: the driver fails at once with "connection refused". */
  @Override
  protected StoreSettings unreachableSettings() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return new StoreSettings(
        null, "jdbc:postgresql://127.0.0.1:" + port + "/nothing", "postgres", "", 2);
  }

  @Test
  void aDatabaseThatTakesNoConnectionsIsUnavailableNotBusy() {
    StoreSettings settings = PostgresTestDatabases.fresh(2);
    try (Database database = Database.open(settings, Duration.ofSeconds(1))) {
      PostgresTestDatabases.refuseConnections(settings);

      // the first works meet the pool's ended connections; once those are gone, a work waits for
      // a new connection that cannot be opened
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> database.write(PostgresDatabaseTest::selectOne))
            .isInstanceOf(StoreUnavailableException.class);
      }
      assertThatThrownBy(() -> database.write(PostgresDatabaseTest::selectOne))
          .isInstanceOf(StoreUnavailableException.class)
          .hasCauseInstanceOf(SQLTransientConnectionException.class);
    }
  }

  private static Boolean selectOne(Tx tx) throws SQLException {
    try (Statement statement = tx.connection().createStatement()) {
      return statement.execute("SELECT 1");
    }
  }

  @Test
  void theJdbcUrlSelectsThePostgresDialect() {
    assertThat(db.dialect()).isInstanceOf(PostgresDialect.class);
  }
}
