package io.fluxrp.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import io.fluxrp.server.store.StoreSettings;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-encryption in batches on a real H2 store: every row reached, none lost, reruns finish. */
class SecretRotationTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final int ROWS = 2 * SecretRotation.BATCH + 50;

  @TempDir Path tmp;
  private Database database;
  private SecretCipher cipher;
  private JdbcFluxConfigurationStore store;
  private SecretRotation rotation;
  private final List<ConfigKey> keys = new ArrayList<>();

  @BeforeEach
  void open() {
    database = Database.open(StoreSettings.embedded(tmp));
    Path keyFile = tmp.resolve("secret-keys.json");
    cipher = new SecretCipher(KeyRingFile.loadOrCreate(keyFile, CLOCK));
    store = new JdbcFluxConfigurationStore(cipher);
    rotation = new SecretRotation(database, store, cipher, keyFile, CLOCK);
    database.write(
        tx -> {
          for (int i = 0; i < ROWS; i++) {
            StoredConfiguration c = configuration("c" + (i % 3), "cfg-" + i, i + 1);
            store.insert(tx, c);
            keys.add(c.key());
          }
          return null;
        });
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static StoredConfiguration configuration(String cluster, String name, long seq) {
    ObjectNode secrets = Json.mapper().createObjectNode();
    secrets.putObject("configurationProtectedSettings").put("httpsKey", "value-of-" + name);
    return new StoredConfiguration(
        ConfigKey.of("/subscriptions/s/resourceGroups/rg/providers/p/c/" + cluster, name),
        "id-" + name,
        name,
        seq,
        1,
        Lifecycle.ACTIVE,
        Json.mapper().createObjectNode(),
        secrets,
        ProvisioningState.SUCCEEDED,
        null,
        null,
        ReportedStatus.NONE,
        null);
  }

  private String raw(ConfigKey key) {
    return database.read(
        tx -> {
          try (PreparedStatement s =
              tx.connection()
                  .prepareStatement(
                      "SELECT secrets_json FROM flux_configurations WHERE cluster_key = ? AND name_key = ?")) {
            s.setString(1, key.clusterKey());
            s.setString(2, key.nameKey());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getString(1);
            }
          }
        });
  }

  private void setRaw(ConfigKey key, String value) {
    database.write(
        tx -> {
          try (PreparedStatement s =
              tx.connection()
                  .prepareStatement(
                      "UPDATE flux_configurations SET secrets_json = ? WHERE cluster_key = ? AND name_key = ?")) {
            s.setString(1, value);
            s.setString(2, key.clusterKey());
            s.setString(3, key.nameKey());
            return s.executeUpdate();
          }
        });
  }

  /** Every row opens to its own value; the key ids its secrets are sealed with. */
  private List<String> assertEveryValueAndCollectKeyIds() {
    List<String> ids = new ArrayList<>();
    for (ConfigKey key : keys) {
      StoredConfiguration c = database.read(tx -> store.find(tx, key)).orElseThrow();
      assertThat(c.secrets().at("/configurationProtectedSettings/httpsKey").asText())
          .isEqualTo("value-of-" + key.nameKey());
      ids.add(SecretCipher.keyIdOf(raw(key)).orElse("plaintext"));
    }
    return ids;
  }

  @Test
  void everyRowIsReencryptedAcrossBatchesAndARerunHasNothingLeft() {
    setRaw(keys.get(7), "{\"configurationProtectedSettings\": {\"httpsKey\": \"value-of-cfg-7\"}}");

    RotationResult result = rotation.rotate();

    assertThat(result.reencrypted()).isEqualTo(ROWS);
    assertThat(assertEveryValueAndCollectKeyIds()).containsOnly(result.keyId());
    assertThat(rotation.reencryptAll()).isZero();
    assertThat(rotation.rotate().reencrypted()).isEqualTo(ROWS);
  }

  @Test
  void aRowThatCannotBeDecryptedStopsTheRotationWithoutLosingAnyValue() {
    List<ConfigKey> ordered =
        keys.stream()
            .sorted(
                java.util.Comparator.comparing(ConfigKey::clusterKey)
                    .thenComparing(ConfigKey::nameKey))
            .toList();
    ConfigKey broken = ordered.get(SecretRotation.BATCH + 10); // in the second batch
    String foreign =
        new SecretCipher(KeyRing.generate(CLOCK))
            .seal(broken, "{\"configurationProtectedSettings\": {}}");
    String brokenOriginal = raw(broken);
    setRaw(broken, foreign);
    String oldKey = cipher.ring().current().id();

    assertThatThrownBy(rotation::rotate)
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining(SecretCipher.keyIdOf(foreign).orElseThrow());

    String newKey = cipher.ring().current().id();
    assertThat(SecretCipher.keyIdOf(raw(ordered.get(0)))).contains(newKey); // first batch committed
    assertThat(SecretCipher.keyIdOf(raw(ordered.getLast()))).contains(oldKey);
    setRaw(broken, brokenOriginal);
    assertThat(assertEveryValueAndCollectKeyIds()).containsOnly(oldKey, newKey);

    assertThat(rotation.reencryptAll()).isEqualTo(ROWS - SecretRotation.BATCH);
    assertThat(assertEveryValueAndCollectKeyIds()).containsOnly(newKey);
  }
}
