package io.fluxrp.server.store;

import java.sql.SQLException;

/** H2 2.x (the embedded default). Error codes are those of {@code org.h2.api.ErrorCode}. */
public final class H2Dialect implements SqlDialect {

  // org.h2.api.ErrorCode, spelled out so that only the JDBC API is compiled against.
  private static final int LOCK_TIMEOUT_1 = 50200;
  private static final int CONCURRENT_UPDATE_1 = 90131;
  private static final int OBJECT_CLOSED = 90007;
  private static final int DATABASE_ALREADY_OPEN_1 = 90020;
  private static final int CONNECTION_BROKEN_1 = 90067;
  private static final int DATABASE_IS_CLOSED = 90098;
  private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;
  private static final int DATABASE_IS_IN_EXCLUSIVE_MODE = 90135;

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public String driverClassName() {
    return "org.h2.Driver";
  }

  /** The embedded file is locked by the process that opened it. */
  @Override
  public boolean sharedBetweenProcesses() {
    return false;
  }

  @Override
  public String nextValueExpression(String sequence) {
    return "NEXT VALUE FOR " + sequence;
  }

  /** H2 keeps a sequence's next value (never below one handed out) in {@code BASE_VALUE}. */
  @Override
  public String sequenceCeilingSql(String sequence) {
    return "SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
        + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA AND SEQUENCE_NAME = '"
        + sequence.toUpperCase(java.util.Locale.ROOT)
        + "'";
  }

  /**
   * H2 has no SKIP LOCKED: it waits for the lock. One process owns an H2 file, so nothing else
   * competes for these rows.
   */
  @Override
  public String rowLockSkipLockedSuffix() {
    return rowLockSuffix();
  }

  @Override
  public Failure classify(SQLException e) {
    switch (e.getErrorCode()) {
      case LOCK_TIMEOUT_1, CONCURRENT_UPDATE_1 -> {
        return Failure.TRANSIENT;
      }
      case OBJECT_CLOSED,
          DATABASE_ALREADY_OPEN_1,
          CONNECTION_BROKEN_1,
          DATABASE_IS_CLOSED,
          DATABASE_CALLED_AT_SHUTDOWN,
          DATABASE_IS_IN_EXCLUSIVE_MODE -> {
        return Failure.UNAVAILABLE;
      }
      default -> {
        Failure standard = SqlDialect.classifyStandard(e);
        return standard == null ? Failure.ERROR : standard;
      }
    }
  }

  @Override
  public java.util.Optional<String> explainOpenFailure(SQLException e) {
    if (e.getErrorCode() == DATABASE_ALREADY_OPEN_1) {
      return java.util.Optional.of(
          "the database file is locked: another fluxrp server is using this data directory");
    }
    return java.util.Optional.empty();
  }
}
