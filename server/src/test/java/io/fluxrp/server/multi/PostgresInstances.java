package io.fluxrp.server.multi;

import io.fluxrp.server.store.PostgresTestDatabases;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server instances sharing one fresh PostgreSQL database, as behind a load balancer: each with its
 * own data directory (the same embedded issuer key, so one token works everywhere) and its own
 * {@link io.fluxrp.server.testing.MutableClock}.
 */
final class PostgresInstances implements AutoCloseable {
  private final StoreSettings store;
  private final List<TestServer> started = new ArrayList<>();

  PostgresInstances() {
    this.store = PostgresTestDatabases.fresh(10);
  }

  StoreSettings store() {
    return store;
  }

  /** An instance whose emulated-cluster worker runs when {@code live}. */
  TestServer start(boolean live) {
    TestServer server =
        TestServer.start(c -> c.toBuilder().store(store).runEmulatedClusters(live).build());
    started.add(server);
    return server;
  }

  /** A connection of the test's own to the shared database (autocommit). */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
  }

  @Override
  public void close() {
    for (TestServer server : started) {
      try {
        server.close();
      } catch (RuntimeException e) {
        // closed by the test already
      }
    }
  }
}
