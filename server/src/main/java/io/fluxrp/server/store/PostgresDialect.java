package io.fluxrp.server.store;

import java.sql.SQLException;

/**
 * PostgreSQL 13 or newer (tested on the newest release). Failures are told apart by SQLState alone
 * (PostgreSQL's error codes are SQLStates): {@code 23505} unique violation, {@code 40001}
 * serialization failure and {@code 40P01} deadlock are races worth running again, class {@code 08}
 * (connection exceptions) and {@code 57P01}–{@code 57P03} (administrator or crash shutdown, cannot
 * connect now) mean the server is not there.
 */
public final class PostgresDialect implements SqlDialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String driverClassName() {
    return "org.postgresql.Driver";
  }

  @Override
  public String nextValueExpression(String sequence) {
    return "nextval('" + sequence + "')";
  }

  /**
   * A sequence relation's {@code last_value} is the last value any session took (the sequences of
   * the schema have {@code CACHE 1}, so no session holds values ahead of it).
   */
  @Override
  public String sequenceCeilingSql(String sequence) {
    return "SELECT last_value FROM " + sequence;
  }

  @Override
  public Failure classify(SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("57P0")) {
      return switch (state) {
        case "57P01", "57P02", "57P03" -> Failure.UNAVAILABLE;
        default -> Failure.ERROR;
      };
    }
    Failure standard = SqlDialect.classifyStandard(e);
    return standard == null ? Failure.ERROR : standard;
  }
}
