package io.fluxrp.server.store;

import static io.fluxrp.server.store.JdbcColumns.checkLimit;
import static io.fluxrp.server.store.JdbcColumns.getEnum;
import static io.fluxrp.server.store.JdbcColumns.objectFromJson;
import static io.fluxrp.server.store.JdbcColumns.toJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FluxConfigurationStore} in the {@code flux_configurations} table.
 *
 * <p>Stored forms: {@code desired} and {@code secrets} as JSON text of the object, {@code secrets}
 * as NULL when empty (read back as an empty object, never null); {@code reported} as JSON, NULL
 * when null (read back as {@link ReportedStatus#NONE}); {@code systemData} as JSON, NULL when null.
 * The {@code secrets} JSON goes through the {@link SecretsCodec} (encrypted at rest): the column
 * never holds the values in clear.
 */
public final class JdbcFluxConfigurationStore implements FluxConfigurationStore {

  private static final String COLUMNS =
      "cluster_key, name_key, resource_id, name, seq, generation, lifecycle, desired_json,"
          + " secrets_json, provisioning_state, error_message, current_operation_id, reported_json,"
          + " system_data_json";

  private static final String SELECT = "SELECT " + COLUMNS + " FROM flux_configurations ";

  private static final String BY_KEY = SELECT + "WHERE cluster_key = ? AND name_key = ?";

  private static final String INSERT =
      "INSERT INTO flux_configurations ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE =
      "UPDATE flux_configurations SET resource_id = ?, name = ?, seq = ?, generation = ?,"
          + " lifecycle = ?, desired_json = ?, secrets_json = ?, provisioning_state = ?,"
          + " error_message = ?, current_operation_id = ?, reported_json = ?, system_data_json = ?"
          + " WHERE cluster_key = ? AND name_key = ?";

  // The same two with the seq column taken from the change sequence by the statement itself.
  private static final String INSERT_AT_NEXT_SEQ =
      "INSERT INTO flux_configurations ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, %s, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE_AT_NEXT_SEQ =
      "UPDATE flux_configurations SET resource_id = ?, name = ?, seq = %s, generation = ?,"
          + " lifecycle = ?, desired_json = ?, secrets_json = ?, provisioning_state = ?,"
          + " error_message = ?, current_operation_id = ?, reported_json = ?, system_data_json = ?"
          + " WHERE cluster_key = ? AND name_key = ?";

  private static final String[] SEQ_COLUMN = {"seq"};

  private static final String DELETE =
      "DELETE FROM flux_configurations WHERE cluster_key = ? AND name_key = ?";

  private static final String VISIBLE = "lifecycle <> '" + Lifecycle.FORCE_DELETED.name() + "'";

  // cluster_key leads each ORDER BY, although it is fixed, so that H2 reads the index in order
  // instead of sorting all of the cluster's rows (PostgreSQL needs no such hint).
  static final String LIST_FIRST =
      SELECT + "WHERE cluster_key = ? AND " + VISIBLE + " ORDER BY cluster_key, name_key LIMIT ?";

  static final String LIST_AFTER =
      SELECT
          + "WHERE cluster_key = ? AND name_key > ? AND "
          + VISIBLE
          + " ORDER BY cluster_key, name_key LIMIT ?";

  static final String CHANGED_SINCE =
      SELECT + "WHERE cluster_key = ? AND seq > ? ORDER BY cluster_key, seq LIMIT ?";

  static final String CHANGE_SEQUENCE = "change_seq";

  private static final String COUNT_BY_CLUSTER =
      "SELECT COUNT(*) FROM flux_configurations WHERE cluster_key = ?";

  private static final String COUNT_BY_CLUSTERS =
      "SELECT cluster_key, COUNT(*) FROM flux_configurations"
          + " WHERE cluster_key > ? AND cluster_key <= ? GROUP BY cluster_key";

  private static final String SECRETS_FIRST =
      "SELECT cluster_key, name_key, secrets_json FROM flux_configurations"
          + " WHERE secrets_json IS NOT NULL ORDER BY cluster_key, name_key LIMIT ?";

  private static final String SECRETS_AFTER =
      "SELECT cluster_key, name_key, secrets_json FROM flux_configurations"
          + " WHERE secrets_json IS NOT NULL AND (cluster_key > ? OR (cluster_key = ? AND name_key > ?))"
          + " ORDER BY cluster_key, name_key LIMIT ?";

  private static final String UPDATE_SECRETS =
      "UPDATE flux_configurations SET secrets_json = ? WHERE cluster_key = ? AND name_key = ?";

  private final SecretsCodec secretsCodec;
  private final ParsedJson<ReportedStatus> reportedStatuses =
      new ParsedJson<>(ReportedStatus.class, "reported_json");
  private final ParsedJson<SystemData> systemData =
      new ParsedJson<>(SystemData.class, "system_data_json");

  public JdbcFluxConfigurationStore(SecretsCodec secretsCodec) {
    this.secretsCodec = java.util.Objects.requireNonNull(secretsCodec, "secretsCodec");
  }

  @Override
  public Optional<StoredConfiguration> find(Tx tx, ConfigKey key) throws SQLException {
    return findOne(tx, BY_KEY, key);
  }

  @Override
  public Optional<StoredConfiguration> findForUpdate(Tx tx, ConfigKey key) throws SQLException {
    return findOne(tx, BY_KEY + tx.dialect().rowLockSuffix(), key);
  }

  private Optional<StoredConfiguration> findOne(Tx tx, String sql, ConfigKey key)
      throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      statement.setString(1, key.clusterKey());
      statement.setString(2, key.nameKey());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  @Override
  public void insert(Tx tx, StoredConfiguration configuration) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(INSERT)) {
      statement.setString(1, configuration.key().clusterKey());
      statement.setString(2, configuration.key().nameKey());
      setValues(statement, 3, configuration);
      statement.executeUpdate();
    }
  }

  @Override
  public void update(Tx tx, StoredConfiguration configuration) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(UPDATE)) {
      int next = setValues(statement, 1, configuration);
      statement.setString(next, configuration.key().clusterKey());
      statement.setString(next + 1, configuration.key().nameKey());
      if (statement.executeUpdate() != 1) {
        throw new StoreException("no configuration to update: " + configuration.key(), null);
      }
    }
  }

  @Override
  public StoredConfiguration insertAtNextSeq(Tx tx, StoredConfiguration configuration)
      throws SQLException {
    String sql = INSERT_AT_NEXT_SEQ.formatted(tx.dialect().nextValueExpression(CHANGE_SEQUENCE));
    try (PreparedStatement statement = tx.connection().prepareStatement(sql, SEQ_COLUMN)) {
      statement.setString(1, configuration.key().clusterKey());
      statement.setString(2, configuration.key().nameKey());
      setValuesAroundSeq(statement, 3, configuration);
      statement.executeUpdate();
      return configuration.restamped(storedSeq(statement, configuration));
    }
  }

  @Override
  public StoredConfiguration updateAtNextSeq(Tx tx, StoredConfiguration configuration)
      throws SQLException {
    String sql = UPDATE_AT_NEXT_SEQ.formatted(tx.dialect().nextValueExpression(CHANGE_SEQUENCE));
    try (PreparedStatement statement = tx.connection().prepareStatement(sql, SEQ_COLUMN)) {
      int next = setValuesAroundSeq(statement, 1, configuration);
      statement.setString(next, configuration.key().clusterKey());
      statement.setString(next + 1, configuration.key().nameKey());
      statement.executeUpdate();
      return configuration.restamped(storedSeq(statement, configuration));
    }
  }

  /** The seq the statement gave the row (its generated key); fails when it wrote no row. */
  private static long storedSeq(PreparedStatement statement, StoredConfiguration configuration)
      throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new StoreException("no configuration to update: " + configuration.key(), null);
      }
      return keys.getLong(1);
    }
  }

  /** Sets the non-key columns from {@code first} on, in {@link #COLUMNS} order; the next index. */
  private int setValues(PreparedStatement statement, int first, StoredConfiguration c)
      throws SQLException {
    statement.setString(first, c.resourceId());
    statement.setString(first + 1, c.name());
    statement.setLong(first + 2, c.seq());
    return setValuesAfterSeq(statement, first + 3, c);
  }

  /** {@link #setValues} for a statement that takes the seq itself. */
  private int setValuesAroundSeq(PreparedStatement statement, int first, StoredConfiguration c)
      throws SQLException {
    statement.setString(first, c.resourceId());
    statement.setString(first + 1, c.name());
    return setValuesAfterSeq(statement, first + 2, c);
  }

  private int setValuesAfterSeq(PreparedStatement statement, int first, StoredConfiguration c)
      throws SQLException {
    int i = first;
    statement.setLong(i++, c.generation());
    statement.setString(i++, c.lifecycle().name());
    statement.setString(i++, toJson(c.desired()));
    statement.setString(
        i++,
        c.secrets() == null || c.secrets().isEmpty()
            ? null
            : secretsCodec.seal(c.key(), toJson(c.secrets())));
    statement.setString(i++, c.provisioningState().name());
    statement.setString(i++, c.errorMessage());
    statement.setString(i++, c.currentOperationId());
    statement.setString(i++, toJson(c.reported()));
    statement.setString(i++, toJson(c.systemData()));
    return i;
  }

  @Override
  public void delete(Tx tx, ConfigKey key) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(DELETE)) {
      statement.setString(1, key.clusterKey());
      statement.setString(2, key.nameKey());
      statement.executeUpdate();
    }
  }

  @Override
  public List<StoredConfiguration> listVisible(
      Tx tx, String clusterKey, String afterNameKey, int limit) throws SQLException {
    checkLimit(limit);
    try (PreparedStatement statement =
        tx.connection().prepareStatement(afterNameKey == null ? LIST_FIRST : LIST_AFTER)) {
      int i = 1;
      statement.setString(i++, clusterKey);
      if (afterNameKey != null) {
        statement.setString(i++, afterNameKey);
      }
      statement.setInt(i, limit);
      return readAll(statement);
    }
  }

  @Override
  public List<StoredConfiguration> changedSince(Tx tx, String clusterKey, long afterSeq, int limit)
      throws SQLException {
    checkLimit(limit);
    try (PreparedStatement statement = tx.connection().prepareStatement(CHANGED_SINCE)) {
      statement.setString(1, clusterKey);
      statement.setLong(2, afterSeq);
      statement.setInt(3, limit);
      return readAll(statement);
    }
  }

  @Override
  public long nextSeq(Tx tx) throws SQLException {
    return singleLong(tx, tx.dialect().nextValueSql(CHANGE_SEQUENCE));
  }

  @Override
  public long seqCeiling(Tx tx) throws SQLException {
    return singleLong(tx, tx.dialect().sequenceCeilingSql(CHANGE_SEQUENCE));
  }

  @Override
  public long countByCluster(Tx tx, String clusterKey) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(COUNT_BY_CLUSTER)) {
      statement.setString(1, clusterKey);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @Override
  public Map<String, Long> countByClusters(Tx tx, String afterKey, String lastKey)
      throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement statement = tx.connection().prepareStatement(COUNT_BY_CLUSTERS)) {
      statement.setString(1, afterKey == null ? "" : afterKey);
      statement.setString(2, lastKey);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          counts.put(row.getString(1), row.getLong(2));
        }
      }
    }
    return counts;
  }

  private static long singleLong(Tx tx, String sql) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql);
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        throw new StoreException("no value from: " + sql, null);
      }
      return row.getLong(1);
    }
  }

  private List<StoredConfiguration> readAll(PreparedStatement statement) throws SQLException {
    List<StoredConfiguration> result = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        result.add(read(row));
      }
    }
    return result;
  }

  private StoredConfiguration read(ResultSet row) throws SQLException {
    ConfigKey key = new ConfigKey(row.getString("cluster_key"), row.getString("name_key"));
    ObjectNode secrets = secrets(key, row.getString("secrets_json"));
    ReportedStatus reported = reportedStatuses.read(row.getString("reported_json"));
    return new StoredConfiguration(
        key,
        row.getString("resource_id"),
        row.getString("name"),
        row.getLong("seq"),
        row.getLong("generation"),
        getEnum(row, "lifecycle", Lifecycle.class),
        objectFromJson(row.getString("desired_json"), "desired_json"),
        secrets,
        getEnum(row, "provisioning_state", ProvisioningState.class),
        row.getString("error_message"),
        row.getString("current_operation_id"),
        reported == null ? ReportedStatus.NONE : reported,
        systemData.read(row.getString("system_data_json")));
  }

  /** The write-only values of row {@code key} from its column value (an empty object for NULL). */
  private ObjectNode secrets(ConfigKey key, String stored) {
    if (stored == null) {
      return Json.mapper().createObjectNode();
    }
    String json = secretsCodec.open(key, stored);
    try {
      if (Json.mapper().readTree(json) instanceof ObjectNode object) {
        return object;
      }
    } catch (java.io.IOException e) {
      // the parser's message quotes the text, which holds secret values: not chained
    }
    throw new StoreException("the secrets of " + key + " are not a JSON object", null);
  }

  /** What one {@link #reencryptBatch} did: rows looked at, rows rewritten, the last row's key. */
  public record Reencrypted(int scanned, int rewritten, ConfigKey last) {}

  /**
   * Seals again, the way the codec seals now, the secrets of up to {@code limit} rows after {@code
   * after} (null: from the first) in key order that are sealed otherwise (an older key, or stored
   * before encryption); the rows are locked for the rest of the transaction.
   */
  public Reencrypted reencryptBatch(Tx tx, ConfigKey after, int limit) throws SQLException {
    checkLimit(limit);
    List<ConfigKey> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    String sql = (after == null ? SECRETS_FIRST : SECRETS_AFTER) + tx.dialect().rowLockSuffix();
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      int i = 1;
      if (after != null) {
        statement.setString(i++, after.clusterKey());
        statement.setString(i++, after.clusterKey());
        statement.setString(i++, after.nameKey());
      }
      statement.setInt(i, limit);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          keys.add(new ConfigKey(row.getString("cluster_key"), row.getString("name_key")));
          values.add(row.getString("secrets_json"));
        }
      }
    }
    int rewritten = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (!secretsCodec.isCurrent(values.get(i))) {
        rewriteSecrets(tx, keys.get(i), values.get(i));
        rewritten++;
      }
    }
    return new Reencrypted(keys.size(), rewritten, keys.isEmpty() ? after : keys.getLast());
  }

  private void rewriteSecrets(Tx tx, ConfigKey key, String stored) throws SQLException {
    String sealed = secretsCodec.seal(key, secretsCodec.open(key, stored));
    try (PreparedStatement statement = tx.connection().prepareStatement(UPDATE_SECRETS)) {
      statement.setString(1, sealed);
      statement.setString(2, key.clusterKey());
      statement.setString(3, key.nameKey());
      statement.executeUpdate();
    }
  }
}
