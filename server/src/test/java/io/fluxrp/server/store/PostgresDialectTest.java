package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.store.SqlDialect.Failure;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

  private final PostgresDialect dialect = new PostgresDialect();

  private Failure classify(String state) {
    return dialect.classify(new SQLException("x", state, 0));
  }

  @Test
  void severalProcessesShareTheDatabase() {
    assertThat(new PostgresDialect().sharedBetweenProcesses()).isTrue();
  }

  @Test
  void serializationFailuresAndDeadlocksAreTransient() {
    assertThat(classify("40001")).isEqualTo(Failure.TRANSIENT);
    assertThat(classify("40P01")).isEqualTo(Failure.TRANSIENT);
  }

  @Test
  void duplicateKeysAreUniqueViolations() {
    assertThat(classify("23505")).isEqualTo(Failure.UNIQUE_VIOLATION);
  }

  @Test
  void connectionFailuresAndShutdownsAreUnavailable() {
    for (String state : new String[] {"08000", "08001", "08003", "08006", "57P01", "57P02"}) {
      assertThat(classify(state)).as(state).isEqualTo(Failure.UNAVAILABLE);
    }
    assertThat(classify("57P03")).isEqualTo(Failure.UNAVAILABLE);
    assertThat(dialect.classify(new SQLTransientConnectionException("pool timeout")))
        .isEqualTo(Failure.UNAVAILABLE);
  }

  @Test
  void everythingElseIsAnError() {
    assertThat(classify("57014")).as("statement canceled").isEqualTo(Failure.ERROR);
    assertThat(classify("57P04")).as("database dropped").isEqualTo(Failure.ERROR);
    assertThat(classify("42703")).isEqualTo(Failure.ERROR);
    assertThat(classify("23502")).isEqualTo(Failure.ERROR);
    assertThat(classify(null)).isEqualTo(Failure.ERROR);
  }

  @Test
  void sql() {
    assertThat(dialect.name()).isEqualTo("postgresql");
    assertThat(dialect.nextValueSql("change_seq")).isEqualTo("SELECT nextval('change_seq')");
    assertThat(dialect.sequenceCeilingSql("change_seq"))
        .isEqualTo("SELECT last_value FROM change_seq");
    assertThat(dialect.rowLockSuffix()).isEqualTo(" FOR UPDATE");
    assertThat(SqlDialect.forJdbcUrl("jdbc:postgresql://db:5432/fluxrp?ssl=true"))
        .isInstanceOf(PostgresDialect.class);
  }
}
