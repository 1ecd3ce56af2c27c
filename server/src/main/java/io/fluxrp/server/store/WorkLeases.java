package io.fluxrp.server.store;

import io.fluxrp.server.platform.Time;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Leases on background work that one server instance at a time may do, in the {@code work_leases}
 * table: a row per kind of work with its owner and expiry. An instance holds a lease by renewing it
 * before it expires; once it has expired (the owner died, hangs, or cannot reach the database) the
 * next instance that asks takes it over. The row is read {@code FOR UPDATE SKIP LOCKED}, so an
 * instance never waits for another that is renewing at that moment: it just does not get the lease.
 */
public final class WorkLeases {
  private static final String EXISTS = "SELECT 1 FROM work_leases WHERE name = ?";
  private static final String INSERT =
      "INSERT INTO work_leases (name, owner, expires_at) VALUES (?, ?, ?)";
  private static final String LOCK = "SELECT owner, expires_at FROM work_leases WHERE name = ?";
  private static final String UPDATE =
      "UPDATE work_leases SET owner = ?, expires_at = ? WHERE name = ?";
  private static final String RELEASE =
      "UPDATE work_leases SET expires_at = ? WHERE name = ? AND owner = ?";

  private final Database database;
  private final String owner;
  private final Clock clock;

  public WorkLeases(Database database, String owner, Clock clock) {
    this.database = database;
    this.owner = owner;
    this.clock = clock;
  }

  /** This instance's name in the {@code owner} column. */
  public String owner() {
    return owner;
  }

  /**
   * Takes or renews lease {@code name} until now + {@code ttl}: true when this instance holds it
   * afterwards, false when another instance holds an unexpired lease (or is renewing it now).
   */
  public boolean tryAcquire(String name, Duration ttl) {
    Instant now = Time.now(clock);
    return database.write(tx -> acquire(tx, name, now, now.plus(ttl)));
  }

  /** Gives the lease up at once (a stopping instance), when this instance holds it. */
  public void release(String name) {
    Instant now = Time.now(clock);
    database.write(
        tx -> {
          try (PreparedStatement statement = tx.connection().prepareStatement(RELEASE)) {
            JdbcColumns.setInstant(statement, 1, now);
            statement.setString(2, name);
            statement.setString(3, owner);
            return statement.executeUpdate();
          }
        });
  }

  private boolean acquire(Tx tx, String name, Instant now, Instant until) throws SQLException {
    if (!exists(tx, name)) {
      // a concurrent insert of the same name fails here; Database.write runs this again
      return insert(tx, name, until);
    }
    try (PreparedStatement statement =
        tx.connection().prepareStatement(LOCK + tx.dialect().rowLockSkipLockedSuffix())) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return false; // locked: another instance is taking or renewing it right now
        }
        boolean mine = owner.equals(row.getString("owner"));
        boolean expired = !JdbcColumns.getInstant(row, "expires_at").isAfter(now);
        if (!mine && !expired) {
          return false;
        }
      }
    }
    return take(tx, name, until);
  }

  private static boolean exists(Tx tx, String name) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(EXISTS)) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  private boolean insert(Tx tx, String name, Instant until) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(INSERT)) {
      statement.setString(1, name);
      statement.setString(2, owner);
      JdbcColumns.setInstant(statement, 3, until);
      return statement.executeUpdate() == 1;
    }
  }

  private boolean take(Tx tx, String name, Instant until) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(UPDATE)) {
      statement.setString(1, owner);
      JdbcColumns.setInstant(statement, 2, until);
      statement.setString(3, name);
      return statement.executeUpdate() == 1;
    }
  }
}
