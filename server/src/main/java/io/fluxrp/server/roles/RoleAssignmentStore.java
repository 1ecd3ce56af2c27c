package io.fluxrp.server.roles;

import io.fluxrp.server.auth.Role;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Persistence of role assignments. Ids are lower-case; scopes match case-insensitively. */
public interface RoleAssignmentStore {

  Optional<RoleAssignment> find(Tx tx, String id) throws SQLException;

  /**
   * Stores a new assignment. A unique violation (the id, or principal + scope + role, exists) is
   * raised as the {@link SQLException}, which the store's write retries after a concurrent insert.
   */
  void insert(Tx tx, RoleAssignment assignment) throws SQLException;

  /** True when an assignment with this id was deleted. */
  boolean delete(Tx tx, String id) throws SQLException;

  /** The assignment of this principal, role and scope (case-insensitive), if any. */
  Optional<RoleAssignment> findGrant(Tx tx, String principalId, String scope, Role role)
      throws SQLException;

  /** Every assignment, ordered by id. */
  List<RoleAssignment> list(Tx tx) throws SQLException;

  /** The assignments of one principal, ordered by id. */
  List<RoleAssignment> listByPrincipal(Tx tx, String principalId) throws SQLException;

  /**
   * The Owner assignments on {@code /}, row-locked until the transaction ends: removals that could
   * leave none run one after the other.
   */
  List<RoleAssignment> lockRootOwners(Tx tx) throws SQLException;
}
