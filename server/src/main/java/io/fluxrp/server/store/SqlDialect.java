package io.fluxrp.server.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * What differs between the databases fluxrp runs on: the few SQL snippets that are not portable,
 * where the migrations live, and how a driver reports the failures {@link Database} treats
 * differently.
 */
public interface SqlDialect {

  /** How {@link Database} reacts to a failed statement or commit. */
  enum Failure {
    /**
     * A serialization failure, deadlock or lock timeout: the transaction lost a race and running
     * the whole work again is expected to succeed.
     */
    TRANSIENT,
    /** A unique constraint rejected a row that another transaction inserted first. */
    UNIQUE_VIOLATION,
    /** The database cannot be reached, is shutting down or refused the connection. */
    UNAVAILABLE,
    /** Anything else: a bug, a broken schema or a broken disk. */
    ERROR
  }

  /** Short name, also the folder of the migrations: {@code classpath:db/migration/<name>}. */
  String name();

  /** The JDBC driver class, so the pool does not depend on driver auto-discovery. */
  String driverClassName();

  /** An expression taking the next value of {@code sequence}, e.g. in an INSERT's VALUES. */
  String nextValueExpression(String sequence);

  /** A query returning one row with the next value of {@code sequence}. */
  default String nextValueSql(String sequence) {
    return "SELECT " + nextValueExpression(sequence);
  }

  /**
   * A query returning one row with a value at least as high as every value {@code sequence} has
   * handed out (it may be higher).
   */
  String sequenceCeilingSql(String sequence);

  /**
   * Whether several server processes can use the database at once. When not (an embedded file), a
   * restarted server is the same instance as the one before it and takes its leases back at once.
   */
  default boolean sharedBetweenProcesses() {
    return true;
  }

  /** Appended to a SELECT to lock the rows it returns until the transaction ends. */
  default String rowLockSuffix() {
    return " FOR UPDATE";
  }

  /**
   * Appended to a SELECT to lock the rows it returns, leaving out rows another transaction has
   * locked instead of waiting for them.
   */
  default String rowLockSkipLockedSuffix() {
    return " FOR UPDATE SKIP LOCKED";
  }

  Failure classify(SQLException e);

  /** A short explanation of why the database could not be opened, when the dialect knows one. */
  default java.util.Optional<String> explainOpenFailure(SQLException e) {
    return java.util.Optional.empty();
  }

  /**
   * The classification by standard SQLState and JDBC exception type, shared by every dialect;
   * {@code null} when the standard says nothing and the driver's own codes decide.
   */
  static Failure classifyStandard(SQLException e) {
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException) {
      return Failure.UNAVAILABLE;
    }
    String state = e.getSQLState();
    if (state == null) {
      return null;
    }
    if (state.startsWith("08")) {
      return Failure.UNAVAILABLE;
    }
    return switch (state) {
      case "40001", "40P01" -> Failure.TRANSIENT;
      case "23505" -> Failure.UNIQUE_VIOLATION;
      default -> null;
    };
  }

  /** The dialect of a JDBC URL. */
  static SqlDialect forJdbcUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return new H2Dialect();
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    throw new IllegalArgumentException(
        "unsupported database URL (fluxrp supports jdbc:h2: and jdbc:postgresql:): "
            + redact(jdbcUrl));
  }

  private static String redact(String jdbcUrl) {
    int parameters = jdbcUrl.indexOf('?');
    return parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters) + "?...";
  }
}
