package io.fluxrp.server.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.ApiResponse;
import io.fluxrp.server.http.Paging;
import io.fluxrp.server.http.ResourcePath;
import java.util.Iterator;
import java.util.Locale;

/** The admin API over registered clusters (docs/agent-api.md). */
public final class ClusterAdminHandlers {
  public static final String BASE = "/admin/v1/clusters";
  private static final int MAX_KEY_LENGTH = 2048;

  private final ClusterAdmin admin;

  public ClusterAdminHandlers(ClusterAdmin admin) {
    this.admin = admin;
  }

  /** PUT: register, or change the kind of a registered cluster. */
  public ApiResponse register(ApiRequest request) {
    String clusterId = clusterId(request);
    ClusterKind kind = request.hasBody() ? kindOf(request.body()) : ClusterKind.AGENT;
    ClusterAdmin.Registration registration = admin.register(clusterId, kind);
    return json(registration.created() ? 201 : 200, registration.cluster());
  }

  public ApiResponse rotateCredential(ApiRequest request) {
    return json(200, admin.rotateCredential(clusterId(request)));
  }

  /** DELETE of the credential: the agent is locked out until a new one is rotated in. */
  public ApiResponse revokeCredential(ApiRequest request) {
    return json(200, admin.revokeCredential(clusterId(request)));
  }

  public ApiResponse show(ApiRequest request) {
    return json(200, admin.show(clusterId(request)));
  }

  public ApiResponse list(ApiRequest request) {
    Paging paging = Paging.from(request, Paging.MAX_PAGE, MAX_KEY_LENGTH);
    ClusterAdmin.Page page = admin.list(paging.afterKey(), paging.pageSize());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("value", Json.mapper().valueToTree(page.clusters()));
    if (page.more()) {
      body.put("nextLink", paging.nextLink(request.context(), BASE, null, page.lastKey()));
    }
    return ApiResponse.of(200, body);
  }

  public ApiResponse remove(ApiRequest request) {
    admin.remove(clusterId(request), request.flag("force"));
    return ApiResponse.empty(204);
  }

  private static String clusterId(ApiRequest request) {
    return ResourcePath.of(request, false).clusterId();
  }

  private static ClusterKind kindOf(JsonNode body) {
    if (!body.isObject()) {
      throw invalid(null, "The request body must be a JSON object such as {\"kind\": \"agent\"}.");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("kind")) {
        throw invalid(name, "The property '" + name + "' is not known; only 'kind' is.");
      }
    }
    JsonNode kind = body.path("kind");
    if (kind.isMissingNode()) {
      return ClusterKind.AGENT;
    }
    String value = kind.isTextual() ? kind.asText().toLowerCase(Locale.ROOT) : "";
    return switch (value) {
      case "agent" -> ClusterKind.AGENT;
      case "emulated" -> ClusterKind.EMULATED;
      default -> throw invalid("kind", "The property 'kind' must be 'agent' or 'emulated'.");
    };
  }

  private static ArmException invalid(String target, String message) {
    return new ArmException(
        ArmErrorCode.INVALID_REQUEST_CONTENT,
        message,
        target,
        java.util.List.of(),
        java.util.Map.of());
  }

  private static ApiResponse json(int status, ClusterView view) {
    return ApiResponse.of(status, Json.mapper().valueToTree(view));
  }
}
