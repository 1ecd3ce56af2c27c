package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.T0;
import static io.fluxrp.server.store.StoreFixtures.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.fluxrp.server.operations.OperationStore}. Stored instants have
 * microsecond precision: finer digits are truncated.
 */
abstract class AbstractOperationStoreContractTest extends AbstractStoreContractTest {

  private static final Duration MICRO = Duration.ofNanos(1_000);

  private final JdbcOperationStore store = new JdbcOperationStore();

  private void insert(Operation... operations) {
    db.write(
        tx -> {
          for (Operation operation : operations) {
            store.insert(tx, operation);
          }
          return null;
        });
  }

  private Operation find(String id) {
    return db.read(tx -> store.find(tx, id)).orElse(null);
  }

  @Test
  void everyFieldRoundTrips() {
    Operation running =
        new Operation(
            "6f1c1d7e-0000-4000-8000-000000000001",
            new ConfigKey("/subscriptions/s/resourcegroups/rg/x/c1", "cfg"),
            "/subscriptions/S/resourceGroups/RG/x/C1/providers/Microsoft.KubernetesConfiguration/"
                + "fluxConfigurations/Cfg",
            OperationKind.CREATE,
            1,
            ProvisioningState.CREATING,
            T0,
            null,
            T0.plus(Duration.ofHours(48)),
            true,
            null,
            null);
    Operation failed =
        new Operation(
            "6f1c1d7e-0000-4000-8000-000000000002",
            running.configKey(),
            running.resourceId(),
            OperationKind.DELETE,
            9,
            ProvisioningState.FAILED,
            T0,
            T0.plusSeconds(5),
            T0.plusSeconds(60),
            false,
            "ReconciliationFailed",
            "Kustomization/apps: \"dependency not ready\" ✗");
    insert(running, failed);

    assertThat(find(running.id())).isEqualTo(running);
    assertThat(find(failed.id())).isEqualTo(failed);
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, failed.id()))).contains(failed);
    assertThat(find("no-such-operation")).isNull();
    assertThat(db.write((Tx tx) -> store.findForUpdate(tx, "no-such-operation"))).isEmpty();
  }

  @Test
  void instantsAreStoredToTheMicrosecondTruncated() {
    Instant fine = Instant.parse("2025-06-01T12:00:00.123456789Z");
    Operation op =
        new Operation(
            "fine",
            new ConfigKey("c", "n"),
            "r",
            OperationKind.UPDATE,
            1,
            ProvisioningState.SUCCEEDED,
            fine,
            Instant.parse("2025-06-01T12:00:00.123456001Z"),
            Instant.parse("2025-06-01T12:00:00.123456999Z"),
            false,
            null,
            null);
    insert(op);

    Operation read = find("fine");
    Instant micros = Instant.parse("2025-06-01T12:00:00.123456Z");
    assertThat(read.startTime()).isEqualTo(micros);
    assertThat(read.endTime()).isEqualTo(micros);
    assertThat(read.deadline()).isEqualTo(micros);
  }

  @Test
  void updateReplacesTheRowAndFailsWhenThereIsNone() {
    Operation running = operation("op-1", ProvisioningState.UPDATING, T0.plusSeconds(60), null);
    insert(running);

    Operation finished =
        running.finished(ProvisioningState.CANCELED, T0.plusSeconds(3), "Canceled", "replaced");
    db.write(
        tx -> {
          store.update(tx, finished);
          return null;
        });
    assertThat(find("op-1")).isEqualTo(finished);

    Operation other = operation("op-2", ProvisioningState.UPDATING, T0, null);
    assertThatThrownBy(
            () ->
                db.write(
                    tx -> {
                      store.insert(tx, other);
                      store.update(tx, operation("missing", ProvisioningState.FAILED, T0, T0));
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no operation to update: missing");
    assertThat(find("op-2")).isNull();
  }

  @Test
  void runningPastDeadlineIncludesTheDeadlineInstantAndOnlyRunningOperations() {
    Instant now = T0.plusSeconds(3_600);
    insert(
        operation("late-creating", ProvisioningState.CREATING, now.minusSeconds(10), null),
        operation("late-deleting", ProvisioningState.DELETING, now.minusSeconds(30), null),
        operation("due-now", ProvisioningState.UPDATING, now, null),
        operation("due-next-micro", ProvisioningState.UPDATING, now.plus(MICRO), null),
        operation("future", ProvisioningState.CREATING, now.plusSeconds(60), null),
        operation("late-succeeded", ProvisioningState.SUCCEEDED, now.minusSeconds(40), now),
        operation("late-failed", ProvisioningState.FAILED, now.minusSeconds(40), now),
        operation("late-canceled", ProvisioningState.CANCELED, now.minusSeconds(40), now));

    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, now, 10)))
        .containsExactly("late-deleting", "late-creating", "due-now");
    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, now, 2)))
        .containsExactly("late-deleting", "late-creating");
    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, now.minus(MICRO), 10)))
        .containsExactly("late-deleting", "late-creating");
    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, now.plus(MICRO), 10)))
        .containsExactly("late-deleting", "late-creating", "due-now", "due-next-micro");
    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, T0, 10))).isEmpty();
    assertThat(db.read((Tx tx) -> store.runningPastDeadline(tx, now, 0))).isEmpty();
  }

  @Test
  void deleteEndedBeforeExcludesTheCutoffInstantRunningOperationsAndHonoursTheLimit() {
    Instant cutoff = T0.plusSeconds(7 * 24 * 3_600);
    List<Operation> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      old.add(operation("old-" + i, ProvisioningState.SUCCEEDED, T0, cutoff.minusSeconds(100 - i)));
    }
    insert(old.toArray(Operation[]::new));
    Operation endedAtCutoff = operation("ended-at-cutoff", ProvisioningState.FAILED, T0, cutoff);
    Operation endedAfter =
        operation("ended-after", ProvisioningState.SUCCEEDED, T0, cutoff.plusSeconds(1));
    Operation running = operation("running", ProvisioningState.UPDATING, T0, null);
    insert(
        endedAtCutoff,
        operation("ended-just-before", ProvisioningState.CANCELED, T0, cutoff.minus(MICRO)),
        endedAfter,
        running);

    assertThat(db.write((Tx tx) -> store.deleteEndedBefore(tx, cutoff, 4))).isEqualTo(4);
    // the limit takes the oldest first
    assertThat(find("old-0")).isNull();
    assertThat(find("old-3")).isNull();
    assertThat(find("old-4")).isEqualTo(old.get(4));
    assertThat(db.write((Tx tx) -> store.deleteEndedBefore(tx, cutoff, 0))).isZero();
    assertThat(db.write((Tx tx) -> store.deleteEndedBefore(tx, cutoff, 100))).isEqualTo(2);
    assertThat(db.write((Tx tx) -> store.deleteEndedBefore(tx, cutoff, 100))).isZero();

    assertThat(find("old-4")).isNull();
    assertThat(find("ended-just-before")).isNull();
    assertThat(find("ended-at-cutoff")).isEqualTo(endedAtCutoff);
    assertThat(find("ended-after")).isEqualTo(endedAfter);
    assertThat(find("running")).isEqualTo(running);
  }
}
