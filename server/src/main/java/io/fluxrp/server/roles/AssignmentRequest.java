package io.fluxrp.server.roles;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.server.auth.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PUT /admin/v1/roleAssignments/{id}}, checked: {@code {"principalId", "scope",
 * "role"}}, all required, nothing else. Every problem is reported at once (400).
 */
public record AssignmentRequest(String principalId, String scope, Role role) {
  private static final Set<String> PROPERTIES = Set.of("principalId", "scope", "role");

  public static AssignmentRequest read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ArmException.invalidContent(
          List.of(
              ErrorDetail.of(
                  ArmErrorCode.INVALID_PROPERTY_TYPE,
                  null,
                  "The body must be a JSON object: {\"principalId\", \"scope\", \"role\"}.")));
    }
    List<ErrorDetail> problems = new ArrayList<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PROPERTIES.contains(name)) {
        problems.add(
            ErrorDetail.of(
                ArmErrorCode.UNKNOWN_PROPERTY,
                name,
                "The property '" + name + "' is not known; use principalId, scope and role."));
      }
    }
    String principalId = principalId(text(body, "principalId", problems), problems);
    String scope = scope(text(body, "scope", problems), problems);
    Role role = role(text(body, "role", problems), problems);
    if (!problems.isEmpty()) {
      throw ArmException.invalidContent(problems);
    }
    return new AssignmentRequest(principalId, scope, role);
  }

  private static String text(JsonNode body, String name, List<ErrorDetail> problems) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      problems.add(
          ErrorDetail.of(
              ArmErrorCode.MISSING_PROPERTY, name, "The property '" + name + "' is required."));
      return null;
    }
    if (!value.isTextual()) {
      problems.add(
          ErrorDetail.of(
              ArmErrorCode.INVALID_PROPERTY_TYPE,
              name,
              "The property '" + name + "' must be a string."));
      return null;
    }
    return value.textValue();
  }

  private static String principalId(String value, List<ErrorDetail> problems) {
    if (value == null) {
      return null;
    }
    String id = value.strip();
    if (!PrincipalIds.valid(id)) {
      problems.add(
          ErrorDetail.of(
              ArmErrorCode.INVALID_PROPERTY_VALUE,
              "principalId",
              "The principalId must be 1 to "
                  + PrincipalIds.MAX_LENGTH
                  + " printable ASCII characters without spaces: the token's oid (or sub)."));
      return null;
    }
    return PrincipalIds.normalize(id);
  }

  private static String scope(String value, List<ErrorDetail> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Scopes.normalize(value);
    } catch (IllegalArgumentException e) {
      problems.add(ErrorDetail.of(ArmErrorCode.INVALID_PROPERTY_VALUE, "scope", e.getMessage()));
      return null;
    }
  }

  private static Role role(String value, List<ErrorDetail> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Role.fromWire(value);
    } catch (IllegalArgumentException e) {
      problems.add(
          ErrorDetail.of(
              ArmErrorCode.INVALID_PROPERTY_VALUE,
              "role",
              "The role must be Reader, Contributor or Owner."));
      return null;
    }
  }
}
