package io.fluxrp.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.fluxrp.server.store.SqlDialect.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema migrations and the one way to run a transaction.
 *
 * <p>Every unit of work runs in one READ COMMITTED transaction that commits when the work returns
 * and rolls back when it throws. A write that loses a race (serialization failure, deadlock, lock
 * timeout, or a unique key another transaction inserted first) is rolled back and run again from
 * the start, so a work must not have effects outside the transaction that cannot be repeated.
 *
 * <p>The embedded default is an H2 file database {@code <dataDir>/fluxrp.mv.db} opened with {@code
 * WRITE_DELAY=0}: H2 writes every commit to the file before the commit returns (by default it
 * collects commits for up to 500 ms in memory), so a committed transaction survives a kill of the
 * process. It does not call fsync; surviving a power loss is out of scope.
 */
public final class Database implements AutoCloseable {

  /** Runs of a write after the first one when it lost a race. */
  static final int MAX_RETRIES = 5;

  /**
   * The smallest pool: Flyway holds a second connection while it migrates (PostgreSQL's advisory
   * lock), and one connection for every request would serialize the server.
   */
  static final int MIN_POOL_SIZE = 2;

  /** Wait for a pooled connection before the request fails (busy or unavailable). */
  private static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

  /** Wait for a row lock (H2) before the transaction fails as a transient conflict. */
  private static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final SqlDialect dialect;
  private volatile boolean closed;

  private Database(HikariDataSource pool, SqlDialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /** {@link #open(StoreSettings, Duration)} with the default wait for a pooled connection (5 s). */
  public static Database open(StoreSettings settings) {
    return open(settings, CONNECTION_WAIT);
  }

  /**
   * Opens the pool and brings the schema up to date.
   *
   * @param connectionWait how long a unit of work waits for a pooled connection (Hikari's minimum
   *     is 250 ms)
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws StoreException when it can, but the schema cannot be migrated
   */
  public static Database open(StoreSettings settings, Duration connectionWait) {
    String url = settings.jdbcUrl() == null ? embeddedUrl(settings.dataDir()) : settings.jdbcUrl();
    SqlDialect dialect = SqlDialect.forJdbcUrl(url);

    HikariConfig config = new HikariConfig();
    config.setPoolName("fluxrp-store");
    config.setDriverClassName(dialect.driverClassName());
    config.setJdbcUrl(url);
    if (settings.jdbcUrl() == null) {
      config.setUsername("sa");
      config.setPassword("");
    } else {
      config.setUsername(settings.username());
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(Math.max(MIN_POOL_SIZE, settings.maxPoolSize()));
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(connectionWait.toMillis());
    // Drop a pooled connection as soon as it fails as unavailable (Hikari itself only knows the
    // standard SQLStates, not, e.g., H2's "database is closed").
    config.setExceptionOverride(
        new SQLExceptionOverride() {
          // (no @Override: inside this class the name means SQLExceptionOverride.Override)
          public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return dialect.classify(e) == Failure.UNAVAILABLE
                ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
          }
        });

    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw translateOpenFailure(dialect, "cannot connect to the database", e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/" + dialect.name())
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw translateOpenFailure(dialect, "cannot migrate the database schema", e);
    }
    return new Database(pool, dialect);
  }

  /** The URL of the embedded H2 file database in {@code dataDir}, which is created if missing. */
  static String embeddedUrl(Path dataDir) {
    if (dataDir == null) {
      throw new IllegalArgumentException("the embedded database needs a data directory");
    }
    Path dir = dataDir.toAbsolutePath().normalize();
    if (dir.toString().indexOf(';') >= 0) {
      throw new IllegalArgumentException("the data directory path must not contain ';': " + dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    // WRITE_DELAY=0: every commit is written to the file before it returns (kill -9 safe).
    // LOCK_TIMEOUT: how long a statement waits for a row lock (per connection, in ms).
    // DB_CLOSE_ON_EXIT=FALSE: no H2 shutdown hook; Database.close() closes the database.
    return "jdbc:h2:file:"
        + dir.resolve("fluxrp")
        + ";WRITE_DELAY=0"
        + ";LOCK_TIMEOUT="
        + H2_LOCK_TIMEOUT_MILLIS
        + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** Connections lent out of the pool right now (for tests and metrics). */
  public int activeConnections() {
    var bean = pool.getHikariPoolMXBean();
    return bean == null ? 0 : bean.getActiveConnections();
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction and commits it; runs it again (up to {@value #MAX_RETRIES}
   * more times, after a short random pause) when it lost a race with another transaction.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws StoreBusyException when no pooled connection came free in time
   * @throws StoreException on any other database failure
   * @throws RuntimeException whatever the work threw, after rolling back
   */
  public <T> T write(TxWork<T> work) {
    return run(work, false);
  }

  /** Runs {@code work} in one read-only transaction, once. */
  public <T> T read(TxWork<T> work) {
    return run(work, true);
  }

  private <T> T run(TxWork<T> work, boolean readOnly) {
    for (int attempt = 0; ; attempt++) {
      if (closed) {
        throw new StoreUnavailableException("the store is closed", null);
      }
      try {
        return runOnce(work, readOnly);
      } catch (SQLException e) {
        if (closed) {
          throw new StoreUnavailableException("the store is closed", e);
        }
        Failure failure = dialect.classify(e);
        boolean raceLost = failure == Failure.TRANSIENT || failure == Failure.UNIQUE_VIOLATION;
        if (!readOnly && raceLost && attempt < MAX_RETRIES) {
          log.debug("transaction lost a race ({}), running it again", e.getMessage());
          if (pause(attempt)) {
            continue;
          }
        }
        throw translate(failure, attempt, e);
      }
    }
  }

  private <T> T runOnce(TxWork<T> work, boolean readOnly) throws SQLException {
    Connection connection = borrow();
    try {
      if (readOnly) {
        connection.setReadOnly(true);
      }
      T result;
      try {
        result = work.run(new Tx(connection, dialect));
        connection.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollback(connection, e);
        throw e;
      }
      return result;
    } finally {
      // After a commit, a failure to return the connection must not turn into a retry.
      close(connection);
    }
  }

  /**
   * A pooled connection. Hikari reports a wait that timed out with the last failure to open a
   * connection as its cause, and with none when every connection was simply in use: that is busy,
   * not unavailable.
   */
  private Connection borrow() throws SQLException {
    try {
      return pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      if (e.getCause() == null && !closed) {
        throw new StoreBusyException(
            "every one of the "
                + pool.getMaximumPoolSize()
                + " database connections stayed in use for "
                + pool.getConnectionTimeout()
                + " ms",
            e);
      }
      throw e;
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      log.warn("cannot return a connection to the pool", e);
    }
  }

  /** Sleeps a few jittered milliseconds before the next attempt; false when interrupted. */
  private static boolean pause(int attempt) {
    long bound = Math.min(100, 5L << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static RuntimeException translate(Failure failure, int retries, SQLException e) {
    return switch (failure) {
      case UNAVAILABLE ->
          new StoreUnavailableException("database unavailable: " + e.getMessage(), e);
      case TRANSIENT, UNIQUE_VIOLATION ->
          new StoreException(
              "transaction conflict persisted after "
                  + (retries + 1)
                  + " attempts: "
                  + e.getMessage(),
              e);
      case ERROR -> new StoreException("database failure: " + e.getMessage(), e);
    };
  }

  private static RuntimeException translateOpenFailure(
      SqlDialect dialect, String message, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && dialect.classify(sql) == Failure.UNAVAILABLE) {
        String reason = dialect.explainOpenFailure(sql).orElse(sql.getMessage());
        return new StoreUnavailableException(message + ": " + reason, e);
      }
    }
    return new StoreException(message + ": " + e.getMessage(), e);
  }

  /** Closes the pool; later calls fail with {@link StoreUnavailableException}. */
  @Override
  public void close() {
    closed = true;
    pool.close();
  }
}
