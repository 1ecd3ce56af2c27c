package io.fluxrp.server.http;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.fluxconfig.ResourcePathRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * The path of a routed request (the configuration name absent on cluster and collection routes),
   * checked: 400 InvalidPathParameter naming every bad segment. {@code checkName}: the
   * configuration name must be one a new configuration may have.
   */
  public static ResourcePath of(ApiRequest request, boolean checkName) {
    ResourcePath path =
        new ResourcePath(
            request.path("subscriptionId"),
            request.path("resourceGroupName"),
            request.path("clusterRp"),
            request.path("clusterResourceName"),
            request.path("clusterName"),
            request.path("fluxConfigurationName"));
    List<ErrorDetail> problems =
        new ArrayList<>(
            ResourcePathRules.validate(
                path.subscriptionId(),
                path.resourceGroupName(),
                path.clusterRp(),
                path.clusterResourceName(),
                path.clusterName()));
    if (checkName) {
      problems.addAll(ResourcePathRules.validateConfigurationName(path.name()));
    }
    if (!problems.isEmpty()) {
      throw new ArmException(
          ArmErrorCode.INVALID_PATH_PARAMETER,
          problems.size() == 1
              ? problems.get(0).message()
              : "The request path has " + problems.size() + " invalid parameters; see details.",
          problems.size() == 1 ? problems.get(0).target() : null,
          problems,
          Map.of());
    }
    return path;
  }
}
