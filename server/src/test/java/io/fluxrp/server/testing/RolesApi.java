package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/**
 * The role assignment admin API ({@code /admin/v1/roleAssignments}) through an {@link ArmClient}.
 */
public final class RolesApi {
  public static final String BASE = "/admin/v1/roleAssignments";

  private final ArmClient client;

  public RolesApi(ArmClient client) {
    this.client = client;
  }

  public static String body(String principalId, String scope, String role) {
    return "{\"principalId\": \""
        + principalId
        + "\", \"scope\": \""
        + scope
        + "\", \"role\": \""
        + role
        + "\"}";
  }

  public ArmClient.Response put(String id, String body) {
    return client.sendJson("PUT", BASE + "/" + id, body, Map.of());
  }

  /** Creates an assignment under a new id (201) and returns the id. */
  public String assign(String principalId, String scope, String role) {
    String id = UUID.randomUUID().toString();
    ArmClient.Response response = put(id, body(principalId, scope, role));
    assertThat(response.status()).as("assign %s %s: %s", role, scope, response).isEqualTo(201);
    return id;
  }

  public ArmClient.Response get(String id) {
    return client.get(BASE + "/" + id);
  }

  public ArmClient.Response list(String query) {
    return client.get(BASE + (query == null ? "" : "?" + query));
  }

  public ArmClient.Response remove(String id) {
    return client.delete(BASE + "/" + id);
  }

  /** The {@code value} array of the list (200). */
  public JsonNode all() {
    ArmClient.Response response = list(null);
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json().path("value");
  }
}
