package io.fluxrp.server.http;

/**
 * The ARM path of a configuration (or of its collection, with {@code name} null), as the client
 * wrote it. {@link #clusterId()} is the parent cluster's ARM id.
 */
public record ResourcePath(
    String subscriptionId,
    String resourceGroupName,
    String clusterRp,
    String clusterResourceName,
    String clusterName,
    String name) {

  public static final String PROVIDER = "Microsoft.KubernetesConfiguration";
  public static final String TYPE = "fluxConfigurations";
  public static final String RESOURCE_TYPE = PROVIDER + "/" + TYPE;

  public String clusterId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroupName
        + "/providers/"
        + clusterRp
        + "/"
        + clusterResourceName
        + "/"
        + clusterName;
  }

  /**
   * The collection path: {@code
   * <clusterId>/providers/Microsoft.KubernetesConfiguration/fluxConfigurations}.
   */
  public String collectionId() {
    return clusterId() + "/providers/" + PROVIDER + "/" + TYPE;
  }

  /** The configuration's ARM id. */
  public String resourceId() {
    return collectionId() + "/" + name;
  }
}
