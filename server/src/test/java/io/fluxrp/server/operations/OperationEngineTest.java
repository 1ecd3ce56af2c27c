package io.fluxrp.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fluxrp.model.arm.SystemData;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.Lifecycle;
import io.fluxrp.server.fluxconfig.ReportedStatus;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import io.fluxrp.server.store.JdbcOperationStore;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.store.Tx;
import io.fluxrp.server.testing.TestSecrets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The operation engine on its own, with a store that can lose a race on demand. */
class OperationEngineTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String CLUSTER =
      "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1";

  @TempDir Path dataDir;

  /** An operation store whose first update fails as a transient conflict (Database retries it). */
  private static final class LosesOneRace implements OperationStore {
    private final OperationStore store = new JdbcOperationStore();
    private final AtomicBoolean lost = new AtomicBoolean();

    @Override
    public Optional<Operation> find(Tx tx, String id) throws SQLException {
      return store.find(tx, id);
    }

    @Override
    public Optional<Operation> findForUpdate(Tx tx, String id) throws SQLException {
      return store.findForUpdate(tx, id);
    }

    @Override
    public void insert(Tx tx, Operation operation) throws SQLException {
      store.insert(tx, operation);
    }

    @Override
    public void update(Tx tx, Operation operation) throws SQLException {
      if (lost.compareAndSet(false, true)) {
        throw new SQLException("simulated serialization failure", "40001");
      }
      store.update(tx, operation);
    }

    @Override
    public List<String> runningPastDeadline(Tx tx, Instant now, int limit) throws SQLException {
      return store.runningPastDeadline(tx, now, limit);
    }

    @Override
    public int deleteEndedBefore(Tx tx, Instant cutoff, int limit) throws SQLException {
      return store.deleteEndedBefore(tx, cutoff, limit);
    }
  }

  @Test
  void aTimeoutRetriedAfterAConflictIsLoggedOnce() {
    JdbcFluxConfigurationStore configurations = TestSecrets.configurationStore();
    Logger logger = (Logger) LoggerFactory.getLogger(OperationEngine.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try (Database database = Database.open(StoreSettings.embedded(dataDir))) {
      OperationEngine engine =
          new OperationEngine(
              database,
              new LosesOneRace(),
              configurations,
              Duration.ofHours(48),
              Duration.ofDays(7));
      ConfigKey key = ConfigKey.of(CLUSTER, "cfg");
      Operation operation =
          database.write(
              tx -> {
                Operation started =
                    engine.start(
                        tx, key, CLUSTER + "/cfg", OperationKind.CREATE, 1, false, null, T0);
                configurations.insert(tx, configuration(key, configurations.nextSeq(tx), started));
                return started;
              });

      assertThat(engine.expireDue(T0.plus(Duration.ofHours(49)))).isEqualTo(1);

      Operation expired = database.read(tx -> engine.find(tx, operation.id())).orElseThrow();
      assertThat(expired.status()).isEqualTo(ProvisioningState.FAILED);
      assertThat(logged.list)
          .filteredOn(e -> e.getFormattedMessage().contains("timed out"))
          .as("log lines about the timeout")
          .hasSize(1);
    } finally {
      logger.detachAppender(logged);
    }
  }

  private static StoredConfiguration configuration(ConfigKey key, long seq, Operation operation) {
    return new StoredConfiguration(
        key,
        operation.resourceId(),
        "cfg",
        seq,
        1,
        Lifecycle.ACTIVE,
        Json.mapper().createObjectNode(),
        Json.mapper().createObjectNode(),
        ProvisioningState.CREATING,
        null,
        operation.id(),
        ReportedStatus.NONE,
        SystemData.created("admin", "User", T0));
  }
}
