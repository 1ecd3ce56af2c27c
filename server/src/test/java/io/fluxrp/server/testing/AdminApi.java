package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cluster admin API ({@code /admin/v1/clusters{clusterId}}, docs/agent-api.md) through an
 * {@link ArmClient} that carries a user's token: register, change kind, show, rotate, remove.
 */
public final class AdminApi {
  public static final String CLUSTERS = "/admin/v1/clusters";

  /** How an agent credential looks: {@code fxa_} and 43 base64url characters (256 bits). */
  public static final String CREDENTIAL_PATTERN = "fxa_[A-Za-z0-9_-]{43}";

  private final ArmClient client;

  public AdminApi(ArmClient client) {
    this.client = client;
  }

  /** A connected-cluster ARM id in a resource group of the agent tests. */
  public static String clusterId(String name) {
    return "/subscriptions/subAgent/resourceGroups/rg-agents/providers/Microsoft.Kubernetes/connectedClusters/"
        + name;
  }

  /** The ARM id of configuration {@code name} on {@code clusterId}. */
  public static String configuration(String clusterId, String name) {
    return clusterId + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/" + name;
  }

  public static String path(String clusterId) {
    return CLUSTERS + clusterId;
  }

  /** {@code PUT /admin/v1/clusters{id}} with this body (null: none). */
  public ArmClient.Response put(String clusterId, String body) {
    return client.sendJson("PUT", path(clusterId), body, java.util.Map.of());
  }

  /** Registers a new agent cluster (201) and returns its credential. */
  public String registerAgent(String clusterId) {
    ArmClient.Response response = put(clusterId, "{\"kind\": \"agent\"}");
    assertThat(response.status()).as("register agent cluster: %s", response).isEqualTo(201);
    assertThat(response.json().path("kind").asText()).isEqualTo("agent");
    return credentialOf(response);
  }

  /** Registers a new emulated cluster (201, no credential). */
  public void registerEmulated(String clusterId) {
    ArmClient.Response response = put(clusterId, "{\"kind\": \"emulated\"}");
    assertThat(response.status()).as("register emulated cluster: %s", response).isEqualTo(201);
    assertThat(response.json().path("kind").asText()).isEqualTo("emulated");
    assertThat(response.json().has("credential")).as("%s", response).isFalse();
  }

  /**
   * Changes a registered cluster's kind (200). Returns the new credential when it became an agent
   * cluster, else null.
   */
  public String changeKind(String clusterId, String kind) {
    ArmClient.Response response = put(clusterId, "{\"kind\": \"" + kind + "\"}");
    assertThat(response.status()).as("change kind to %s: %s", kind, response).isEqualTo(200);
    assertThat(response.json().path("kind").asText()).isEqualTo(kind);
    if (kind.equals("agent")) {
      return credentialOf(response);
    }
    assertThat(response.json().has("credential")).as("%s", response).isFalse();
    return null;
  }

  /** {@code POST .../credential}: a new credential (the old one stops working). */
  public String rotate(String clusterId) {
    ArmClient.Response response =
        client.sendJson("POST", path(clusterId) + "/credential", null, java.util.Map.of());
    assertThat(response.status()).as("rotate: %s", response).isEqualTo(200);
    return credentialOf(response);
  }

  public ArmClient.Response get(String clusterId) {
    return client.get(path(clusterId));
  }

  /** The cluster body (200). */
  public JsonNode show(String clusterId) {
    ArmClient.Response response = get(clusterId);
    assertThat(response.status()).as("show %s: %s", clusterId, response).isEqualTo(200);
    return response.json();
  }

  public ArmClient.Response remove(String clusterId, boolean force) {
    return client.delete(path(clusterId) + (force ? "?force=true" : ""));
  }

  private static String credentialOf(ArmClient.Response response) {
    String credential = response.json().path("credential").asText("");
    assertThat(credential).as("credential in %s", response).matches(CREDENTIAL_PATTERN);
    return credential;
  }
}
