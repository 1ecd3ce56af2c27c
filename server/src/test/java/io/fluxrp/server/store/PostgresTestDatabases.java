package io.fluxrp.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (the {@code io.zonky.test} embedded binaries, started on first
 * use, stopped when the JVM exits) and a fresh database on it for every caller: a copy of a
 * template that was migrated once, so a fresh database costs one {@code CREATE DATABASE}.
 */
public final class PostgresTestDatabases {
  private static final String TEMPLATE = "fluxrp_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresTestDatabases() {}

  /** The shared server, started (and the template migrated) on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      server = startServer();
      createTemplate();
    }
    return server;
  }

  /** Starts a PostgreSQL tuned for tests: no fsync (the test JVM's data is thrown away). */
  public static EmbeddedPostgres startServer() {
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_connections", "300")
          .setServerConfig("deadlock_timeout", "100ms")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /** Settings of a new, empty database with the current schema. */
  public static StoreSettings fresh(int poolSize) {
    EmbeddedPostgres pg = server();
    String name = "fluxrp_test_" + COUNTER.incrementAndGet();
    execute(pg, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
    return settings(pg, name, poolSize);
  }

  /** A fresh database, opened. */
  public static Database open() {
    return Database.open(fresh(4));
  }

  static StoreSettings settings(EmbeddedPostgres pg, String database, int poolSize) {
    return new StoreSettings(null, pg.getJdbcUrl("postgres", database), "postgres", "", poolSize);
  }

  /**
   * An outage of the database of {@code settings} alone: it takes no new connections and the ones
   * it has are ended.
   */
  static void refuseConnections(StoreSettings settings) {
    String url = settings.jdbcUrl();
    String tail = url.substring(url.lastIndexOf('/') + 1);
    String database = tail.contains("?") ? tail.substring(0, tail.indexOf('?')) : tail;
    execute(server(), "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    execute(
        server(),
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "'");
  }

  private static void createTemplate() {
    execute(server, "CREATE DATABASE " + TEMPLATE);
    Database.open(settings(server, TEMPLATE, 2)).close();
  }

  private static void execute(EmbeddedPostgres pg, String sql) {
    try (Connection connection = pg.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
