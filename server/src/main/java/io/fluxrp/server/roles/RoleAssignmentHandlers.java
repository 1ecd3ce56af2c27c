package io.fluxrp.server.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.ApiResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The admin API over role assignments ({@code /admin/v1/roleAssignments}, Owner only). */
public final class RoleAssignmentHandlers {
  public static final String BASE = "/admin/v1/roleAssignments";
  public static final String ID = "roleAssignmentId";
  private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final RoleAssignments assignments;

  public RoleAssignmentHandlers(RoleAssignments assignments) {
    this.assignments = assignments;
  }

  /** PUT: 201 created, 200 when the same assignment exists, 409 when it exists otherwise. */
  public ApiResponse put(ApiRequest request) {
    String id = id(request);
    RoleAssignments.Put put = assignments.put(id, AssignmentRequest.read(request.body()));
    return ApiResponse.of(put.created() ? 201 : 200, Json.mapper().valueToTree(put.assignment()));
  }

  public ApiResponse get(ApiRequest request) {
    return ApiResponse.of(200, Json.mapper().valueToTree(assignments.get(id(request))));
  }

  /** GET the collection: {@code {"value": [...]}}, optionally of one {@code principalId}. */
  public ApiResponse list(ApiRequest request) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set(
        "value",
        Json.mapper()
            .valueToTree(
                assignments.list(
                    request.query("principalId").map(String::strip).filter(p -> !p.isEmpty()))));
    return ApiResponse.of(200, body);
  }

  /** DELETE: 200 when removed, 204 when there was none (ARM's delete answers). */
  public ApiResponse remove(ApiRequest request) {
    return ApiResponse.empty(assignments.remove(id(request)) ? 200 : 204);
  }

  /** The path's id, lower-cased: 1 to 128 letters, digits, '.', '_' or '-'; else 400. */
  static String id(ApiRequest request) {
    String id = request.path(ID);
    if (!ID_SHAPE.matcher(id).matches()) {
      throw new ArmException(
          ArmErrorCode.INVALID_PATH_PARAMETER,
          "The role assignment id must be 1 to 128 letters, digits, '.', '_' or '-', starting"
              + " with a letter or digit (a UUID, for example).",
          ID,
          List.of(),
          Map.of());
    }
    return id.toLowerCase(Locale.ROOT);
  }
}
