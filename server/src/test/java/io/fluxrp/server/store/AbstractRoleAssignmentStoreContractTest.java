package io.fluxrp.server.store;

import static io.fluxrp.server.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.auth.Role;
import io.fluxrp.server.roles.RoleAssignment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.fluxrp.server.roles.RoleAssignmentStore}. */
abstract class AbstractRoleAssignmentStoreContractTest extends AbstractStoreContractTest {

  private final JdbcRoleAssignmentStore store = new JdbcRoleAssignmentStore();

  private static RoleAssignment assignment(String id, String principal, String scope, Role role) {
    return new RoleAssignment(id, principal, scope, role, T0);
  }

  private void insert(RoleAssignment... assignments) {
    db.write(
        tx -> {
          for (RoleAssignment a : assignments) {
            store.insert(tx, a);
          }
          return null;
        });
  }

  @Test
  void insertedAssignmentsAreFoundByIdAndByGrant() {
    RoleAssignment a = assignment("a1", "alice", "/subscriptions/Sub1", Role.READER);
    insert(a);

    assertThat(db.read((Tx tx) -> store.find(tx, "a1"))).contains(a);
    assertThat(db.read((Tx tx) -> store.find(tx, "a2"))).isEmpty();
    assertThat(db.read((Tx tx) -> store.findGrant(tx, "alice", "/SUBSCRIPTIONS/sub1", Role.READER)))
        .as("scopes match case-insensitively")
        .contains(a);
    assertThat(db.read((Tx tx) -> store.findGrant(tx, "alice", "/subscriptions/sub1", Role.OWNER)))
        .isEmpty();
    assertThat(db.read((Tx tx) -> store.findGrant(tx, "Alice", "/subscriptions/sub1", Role.READER)))
        .as("principal ids are exact")
        .isEmpty();
  }

  @Test
  void listsAreOrderedByIdAndFilterByPrincipal() {
    RoleAssignment c = assignment("c", "bob", "/", Role.OWNER);
    RoleAssignment a = assignment("a", "alice", "/subscriptions/s", Role.READER);
    RoleAssignment b = assignment("b", "alice", "/subscriptions/t", Role.CONTRIBUTOR);
    insert(c, a, b);

    assertThat(db.read((Tx tx) -> store.list(tx))).containsExactly(a, b, c);
    assertThat(db.read((Tx tx) -> store.listByPrincipal(tx, "alice"))).containsExactly(a, b);
    assertThat(db.read((Tx tx) -> store.listByPrincipal(tx, "nobody"))).isEmpty();
  }

  @Test
  void theSameIdOrTheSameGrantTwiceIsAUniqueViolation() {
    insert(assignment("a", "alice", "/subscriptions/s", Role.READER));

    assertThatThrownBy(() -> insert(assignment("a", "bob", "/", Role.OWNER)))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> insert(assignment("b", "alice", "/SUBSCRIPTIONS/S", Role.READER)))
        .isInstanceOf(RuntimeException.class);
    insert(assignment("c", "alice", "/subscriptions/s", Role.CONTRIBUTOR));
    assertThat(db.read((Tx tx) -> store.list(tx)))
        .extracting(RoleAssignment::id)
        .containsExactly("a", "c");
  }

  @Test
  void deleteRemovesOnlyThatAssignmentAndSaysWhetherItExisted() {
    insert(assignment("a", "alice", "/", Role.OWNER), assignment("b", "bob", "/", Role.OWNER));

    assertThat(db.write((Tx tx) -> store.delete(tx, "a"))).isTrue();
    assertThat(db.write((Tx tx) -> store.delete(tx, "a"))).isFalse();
    assertThat(db.read((Tx tx) -> store.list(tx)))
        .extracting(RoleAssignment::id)
        .containsExactly("b");
  }

  @Test
  void lockRootOwnersReturnsOnlyOwnersOfTheRoot() {
    insert(
        assignment("o1", "alice", "/", Role.OWNER),
        assignment("o2", "bob", "/subscriptions/s", Role.OWNER),
        assignment("r1", "carol", "/", Role.READER),
        assignment("o3", "dave", "/", Role.OWNER));

    List<RoleAssignment> owners = db.write((Tx tx) -> store.lockRootOwners(tx));

    assertThat(owners).extracting(RoleAssignment::id).containsExactly("o1", "o3");
  }

  @Test
  void instantsKeepMicroseconds() {
    insert(assignment("a", "alice", "/", Role.OWNER));
    assertThat(db.read((Tx tx) -> store.find(tx, "a")).orElseThrow().createdAt()).isEqualTo(T0);
  }
}
