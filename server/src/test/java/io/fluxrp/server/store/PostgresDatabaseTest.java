package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The {@link Database} contract on a real PostgreSQL. */
class PostgresDatabaseTest extends AbstractDatabaseContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
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
  void theJdbcUrlSelectsThePostgresDialect() {
    assertThat(db.dialect()).isInstanceOf(PostgresDialect.class);
  }
}
