package io.fluxrp.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How the JDBC stores write and read the values that JDBC does not map by itself: instants (UTC,
 * microseconds) and JSON documents (text).
 */
final class JdbcColumns {

  private JdbcColumns() {}

  /** The precision of stored instants; finer digits are dropped (truncated, not rounded). */
  static final ChronoUnit INSTANT_PRECISION = ChronoUnit.MICROS;

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(
          index, OffsetDateTime.ofInstant(value.truncatedTo(INSTANT_PRECISION), ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static String toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T fromJson(String json, Class<T> type, String column) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("unreadable JSON in column " + column, e);
    }
  }

  static ObjectNode objectFromJson(String json, String column) {
    if (json == null) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StoreException("unreadable JSON in column " + column, e);
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new StoreException("column " + column + " does not hold a JSON object", null);
  }

  static <E extends Enum<E>> E getEnum(ResultSet row, String column, Class<E> type)
      throws SQLException {
    String value = row.getString(column);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new StoreException("unknown " + type.getSimpleName() + " in column " + column, e);
    }
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }
}
