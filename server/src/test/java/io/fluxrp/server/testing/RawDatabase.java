package io.fluxrp.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded H2 database of a stopped test server, read and changed with plain JDBC: what is
 * really stored, past the store's code.
 */
public final class RawDatabase {
  private RawDatabase() {}

  private static Connection open(Path dataDir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("fluxrp"), "sa", "");
  }

  /** Every row of every table of the application's schema, each column as text. */
  public static List<Map<String, String>> everyRow(Path dataDir) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection c = open(dataDir)) {
      for (String table : tables(c)) {
        rows.addAll(query(c, "SELECT * FROM \"" + table + "\""));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** The rows {@code sql} selects, each column (upper-case name) as text. */
  public static List<Map<String, String>> query(Path dataDir, String sql) {
    try (Connection c = open(dataDir)) {
      return query(c, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs an update with text parameters; the number of rows changed. */
  public static int update(Path dataDir, String sql, String... params) {
    try (Connection c = open(dataDir);
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    return tables;
  }

  private static List<Map<String, String>> query(Connection c, String sql) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(r.getMetaData().getColumnLabel(i), r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
