package io.fluxrp.bench;

import io.fluxrp.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Direct JDBC on the server's own store: the single-row upsert that is the ceiling of PUT (H2 or
 * PostgreSQL), and the bulk seeding of the LIST cluster (H2 only: copies of the GET target's row,
 * one INSERT ... SELECT per 50,000 rows).
 */
final class RawStore {
  private static final int CHUNK = 50_000;
  private static final String H2_UPSERT =
      "MERGE INTO bench_raw (name, doc) KEY (name) VALUES (?, ?)";
  private static final String POSTGRES_UPSERT =
      "INSERT INTO bench_raw (name, doc) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET doc = EXCLUDED.doc";

  private final Database database;
  private final String upsert;

  RawStore(Database database) {
    this.database = database;
    this.upsert = database.dialect().name().equals("h2") ? H2_UPSERT : POSTGRES_UPSERT;
    database.write(
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS bench_raw (name CHARACTER VARYING(512) PRIMARY KEY,"
                    + " doc CHARACTER VARYING NOT NULL)");
          }
          return null;
        });
  }

  /** One row, one transaction, committed (the store's durability settings apply). */
  void upsert(String name, String document) {
    database.write(
        tx -> {
          try (PreparedStatement s = tx.connection().prepareStatement(upsert)) {
            s.setString(1, name);
            s.setString(2, document);
            return s.executeUpdate();
          }
        });
  }

  /** Adds rows to the LIST cluster until it holds {@code total}; returns the count. */
  int seedList(int total) {
    String clusterKey = Fixtures.LIST_CLUSTER.toLowerCase(Locale.ROOT);
    for (int have = count(clusterKey); have < total; have = count(clusterKey)) {
      int from = have + 1;
      int to = Math.min(total, have + CHUNK);
      database.write(tx -> insertCopies(tx.connection(), clusterKey, from, to));
    }
    return count(clusterKey);
  }

  private static int insertCopies(java.sql.Connection c, String clusterKey, int from, int to)
      throws java.sql.SQLException {
    String sql =
        "INSERT INTO flux_configurations (cluster_key, name_key, resource_id, name, seq,"
            + " generation, lifecycle, desired_json, secrets_json, provisioning_state,"
            + " error_message, current_operation_id, reported_json, system_data_json)"
            + " SELECT ?, 'cfg-' || LPAD(CAST(r.X AS VARCHAR), 7, '0'),"
            + " ? || 'cfg-' || LPAD(CAST(r.X AS VARCHAR), 7, '0'),"
            + " 'cfg-' || LPAD(CAST(r.X AS VARCHAR), 7, '0'), NEXT VALUE FOR change_seq,"
            + " t.generation, t.lifecycle, t.desired_json, t.secrets_json, t.provisioning_state,"
            + " t.error_message, NULL, t.reported_json, t.system_data_json"
            + " FROM flux_configurations t, SYSTEM_RANGE(?, ?) r"
            + " WHERE t.cluster_key = ? AND t.name_key = 'bench-get'";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, clusterKey);
      s.setString(2, Fixtures.LIST_CLUSTER + Fixtures.COLLECTION + "/");
      s.setInt(3, from);
      s.setInt(4, to);
      s.setString(5, Fixtures.CLUSTER.toLowerCase(Locale.ROOT));
      return s.executeUpdate();
    }
  }

  private int count(String clusterKey) {
    return database.read(
        tx -> {
          try (PreparedStatement s =
              tx.connection()
                  .prepareStatement(
                      "SELECT COUNT(*) FROM flux_configurations WHERE cluster_key = ?")) {
            s.setString(1, clusterKey);
            try (ResultSet rows = s.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }
}
