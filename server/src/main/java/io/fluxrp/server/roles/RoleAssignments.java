package io.fluxrp.server.roles;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.auth.Role;
import io.fluxrp.server.auth.RoleGrant;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Role assignments: create (idempotent by id), read, list, remove, each in one transaction. An
 * assignment never changes: a PUT of an existing id with other values is a conflict. Removing the
 * last Owner of {@code /} is refused, so the server always has someone who can manage it.
 */
public final class RoleAssignments {
  private static final Logger LOG = LoggerFactory.getLogger(RoleAssignments.class);

  private final Database database;
  private final RoleAssignmentStore store;
  private final Clock clock;

  public RoleAssignments(Database database, RoleAssignmentStore store, Clock clock) {
    this.database = database;
    this.store = store;
    this.clock = clock;
  }

  /** The result of a PUT: the assignment and whether this request created it. */
  public record Put(RoleAssignment assignment, boolean created) {}

  public Put put(String id, AssignmentRequest request) {
    RoleAssignment wanted =
        new RoleAssignment(
            id,
            request.principalId(),
            request.scope(),
            request.role(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    return database.write(tx -> put(tx, wanted));
  }

  private Put put(Tx tx, RoleAssignment wanted) throws SQLException {
    Optional<RoleAssignment> existing = store.find(tx, wanted.id());
    if (existing.isPresent()) {
      if (!existing.get().sameGrant(wanted)) {
        throw conflict(
            "The role assignment '"
                + wanted.id()
                + "' exists with other values; an assignment cannot change: remove it and"
                + " create another.");
      }
      return new Put(existing.get(), false);
    }
    Optional<RoleAssignment> twin =
        store.findGrant(tx, wanted.principalId(), wanted.scope(), wanted.role());
    if (twin.isPresent()) {
      throw conflict(
          "The principal '"
              + wanted.principalId()
              + "' already has this role on this scope: role assignment '"
              + twin.get().id()
              + "'.");
    }
    store.insert(tx, wanted);
    return new Put(wanted, true);
  }

  public RoleAssignment get(String id) {
    return database
        .read(tx -> store.find(tx, id))
        .orElseThrow(
            () ->
                new ArmException(
                    ArmErrorCode.RESOURCE_NOT_FOUND,
                    "The role assignment '" + id + "' was not found."));
  }

  /** Every assignment, or those of one principal, ordered by id. */
  public List<RoleAssignment> list(Optional<String> principalId) {
    return database.read(
        tx ->
            principalId.isPresent()
                ? store.listByPrincipal(tx, PrincipalIds.normalize(principalId.get()))
                : store.list(tx));
  }

  /** Removes the assignment; false when there was none. 409 when it is the last Owner of /. */
  public boolean remove(String id) {
    return database.write(
        tx -> {
          Optional<RoleAssignment> existing = store.find(tx, id);
          if (existing.isEmpty()) {
            return false;
          }
          if (existing.get().rootOwner() && store.lockRootOwners(tx).size() <= 1) {
            throw conflict(
                "The role assignment '"
                    + id
                    + "' is the last Owner of '/'; assign Owner on '/' to another principal"
                    + " before removing it, so that someone can still manage the server.");
          }
          return store.delete(tx, id);
        });
  }

  /** The stored grants of a principal (token grants come on top, see RoleAuthorizer). */
  public List<RoleGrant> grantsOf(String principalId) {
    return list(Optional.of(principalId)).stream().map(RoleAssignment::grant).toList();
  }

  /**
   * Makes each configured owner an Owner of {@code /} unless it is one already; the id is derived
   * from the principal id, so every start finds the same assignment.
   */
  public void assignInitialOwners(List<String> principalIds) {
    for (String raw : principalIds) {
      String principalId = PrincipalIds.normalize(raw.strip());
      if (!PrincipalIds.valid(principalId)) {
        throw new IllegalArgumentException("not a principal id: '" + raw + "'");
      }
      RoleAssignment owner =
          new RoleAssignment(
              initialOwnerId(principalId),
              principalId,
              Scopes.ROOT,
              Role.OWNER,
              clock.instant().truncatedTo(ChronoUnit.MILLIS));
      boolean created =
          database.write(
              tx -> {
                if (store.findGrant(tx, principalId, Scopes.ROOT, Role.OWNER).isPresent()
                    || store.find(tx, owner.id()).isPresent()) {
                  return false;
                }
                store.insert(tx, owner);
                return true;
              });
      if (created) {
        LOG.info("assigned Owner of '/' to the configured owner {}", principalId);
      }
    }
  }

  /** {@code initial-owner-<name-based UUID of the principal id>}. */
  static String initialOwnerId(String principalId) {
    return "initial-owner-" + UUID.nameUUIDFromBytes(principalId.getBytes(StandardCharsets.UTF_8));
  }

  private static ArmException conflict(String message) {
    return new ArmException(ArmErrorCode.CONFLICT, message);
  }
}
