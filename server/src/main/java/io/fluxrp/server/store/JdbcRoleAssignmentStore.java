package io.fluxrp.server.store;

import static io.fluxrp.server.store.JdbcColumns.getInstant;
import static io.fluxrp.server.store.JdbcColumns.setInstant;

import io.fluxrp.server.auth.Role;
import io.fluxrp.server.roles.RoleAssignment;
import io.fluxrp.server.roles.RoleAssignmentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link RoleAssignmentStore} in the {@code role_assignments} table. */
public final class JdbcRoleAssignmentStore implements RoleAssignmentStore {

  private static final String SELECT =
      "SELECT assignment_id, principal_id, scope, role, created_at FROM role_assignments";

  private static final String BY_ID = SELECT + " WHERE assignment_id = ?";

  private static final String BY_GRANT =
      SELECT + " WHERE principal_id = ? AND scope_key = ? AND role = ?";

  private static final String ALL = SELECT + " ORDER BY assignment_id";

  private static final String BY_PRINCIPAL =
      SELECT + " WHERE principal_id = ? ORDER BY assignment_id";

  private static final String ROOT_OWNERS =
      SELECT + " WHERE role = 'OWNER' AND scope_key = '/' ORDER BY assignment_id";

  private static final String INSERT =
      "INSERT INTO role_assignments (assignment_id, principal_id, scope, scope_key, role,"
          + " created_at) VALUES (?, ?, ?, ?, ?, ?)";

  private static final String DELETE = "DELETE FROM role_assignments WHERE assignment_id = ?";

  @Override
  public Optional<RoleAssignment> find(Tx tx, String id) throws SQLException {
    return first(query(tx, BY_ID, id));
  }

  @Override
  public void insert(Tx tx, RoleAssignment assignment) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(INSERT)) {
      statement.setString(1, assignment.id());
      statement.setString(2, assignment.principalId());
      statement.setString(3, assignment.scope());
      statement.setString(4, scopeKey(assignment.scope()));
      statement.setString(5, assignment.role().name());
      setInstant(statement, 6, assignment.createdAt());
      statement.executeUpdate();
    }
  }

  @Override
  public boolean delete(Tx tx, String id) throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(DELETE)) {
      statement.setString(1, id);
      return statement.executeUpdate() == 1;
    }
  }

  @Override
  public Optional<RoleAssignment> findGrant(Tx tx, String principalId, String scope, Role role)
      throws SQLException {
    return first(query(tx, BY_GRANT, principalId, scopeKey(scope), role.name()));
  }

  @Override
  public List<RoleAssignment> list(Tx tx) throws SQLException {
    return query(tx, ALL);
  }

  @Override
  public List<RoleAssignment> listByPrincipal(Tx tx, String principalId) throws SQLException {
    return query(tx, BY_PRINCIPAL, principalId);
  }

  @Override
  public List<RoleAssignment> lockRootOwners(Tx tx) throws SQLException {
    return query(tx, ROOT_OWNERS + tx.dialect().rowLockSuffix());
  }

  private static String scopeKey(String scope) {
    return scope.toLowerCase(Locale.ROOT);
  }

  private static Optional<RoleAssignment> first(List<RoleAssignment> found) {
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<RoleAssignment> query(Tx tx, String sql, String... values)
      throws SQLException {
    try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      List<RoleAssignment> found = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          found.add(read(row));
        }
      }
      return found;
    }
  }

  private static RoleAssignment read(ResultSet row) throws SQLException {
    return new RoleAssignment(
        row.getString("assignment_id"),
        row.getString("principal_id"),
        row.getString("scope"),
        Role.valueOf(row.getString("role")),
        getInstant(row, "created_at"));
  }
}
