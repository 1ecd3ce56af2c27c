package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.store.SqlDialect.Failure;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class H2DialectTest {

  private final H2Dialect dialect = new H2Dialect();

  private Failure classify(String state, int code) {
    return dialect.classify(new SQLException("x", state, code));
  }

  @Test
  void anEmbeddedFileIsOpenedByOneProcessOnly() {
    assertThat(new H2Dialect().sharedBetweenProcesses()).isFalse();
  }

  @Test
  void lockTimeoutsDeadlocksAndConcurrentUpdatesAreTransient() {
    assertThat(classify("HYT00", 50200)).isEqualTo(Failure.TRANSIENT);
    assertThat(classify("40001", 40001)).isEqualTo(Failure.TRANSIENT);
    assertThat(classify("90131", 90131)).isEqualTo(Failure.TRANSIENT);
    assertThat(classify("40P01", 0)).isEqualTo(Failure.TRANSIENT);
  }

  @Test
  void duplicateKeysAreUniqueViolations() {
    assertThat(classify("23505", 23505)).isEqualTo(Failure.UNIQUE_VIOLATION);
  }

  @Test
  void closedBrokenOrLockedDatabasesAreUnavailable() {
    for (int code : new int[] {90007, 90020, 90067, 90098, 90121, 90135}) {
      assertThat(classify(String.valueOf(code), code))
          .as("code %d", code)
          .isEqualTo(Failure.UNAVAILABLE);
    }
    assertThat(classify("08001", 0)).isEqualTo(Failure.UNAVAILABLE);
    assertThat(dialect.classify(new SQLTransientConnectionException("pool timeout")))
        .isEqualTo(Failure.UNAVAILABLE);
    assertThat(dialect.classify(new SQLNonTransientConnectionException("gone")))
        .isEqualTo(Failure.UNAVAILABLE);
  }

  @Test
  void everythingElseIsAnError() {
    assertThat(classify("42S22", 42122)).isEqualTo(Failure.ERROR);
    assertThat(classify("23502", 23502)).isEqualTo(Failure.ERROR);
    assertThat(classify(null, 0)).isEqualTo(Failure.ERROR);
  }

  @Test
  void sql() {
    assertThat(dialect.nextValueSql("change_seq")).isEqualTo("SELECT NEXT VALUE FOR change_seq");
    assertThat(dialect.rowLockSuffix()).isEqualTo(" FOR UPDATE");
    assertThat(SqlDialect.forJdbcUrl("jdbc:h2:mem:x")).isInstanceOf(H2Dialect.class);
  }
}
