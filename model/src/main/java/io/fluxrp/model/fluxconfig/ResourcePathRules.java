package io.fluxrp.model.fluxconfig;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the resource-path segments of {@code .../providers/{clusterRp}/{clusterResourceName}
 * /{clusterName}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/{name}}: the spec's
 * patterns and lengths, ARM's rules for resource names, and Kubernetes' rules for the configuration
 * name (it names the Flux objects in the cluster). Each problem targets the parameter name.
 */
public final class ResourcePathRules {
  private static final Pattern RESOURCE_GROUP =
      Pattern.compile("^[-\\w._()]+$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PROVIDER_NAMESPACE =
      Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");
  private static final Pattern CLUSTER_RESOURCE_TYPE = Pattern.compile("^[a-zA-Z]+$");
  private static final String ARM_FORBIDDEN = "<>%&:\\?/";
  private static final int MAX_RESOURCE_GROUP = 90;
  private static final int MAX_ARM_NAME = 260;

  /**
   * Longest subscription id, provider namespace and resource type: the spec sets no limit, but with
   * these a cluster's ARM id (about 1,200 characters at most) fits the store's keys.
   */
  private static final int MAX_SEGMENT = 260;

  private ResourcePathRules() {}

  /** Problems of the path segments that identify the cluster. */
  public static List<ErrorDetail> validate(
      String subscriptionId,
      String resourceGroupName,
      String clusterRp,
      String clusterResourceName,
      String clusterName) {
    List<ErrorDetail> problems = new ArrayList<>();
    subscriptionProblem(subscriptionId).ifPresent(m -> add(problems, "subscriptionId", m));
    resourceGroupProblem(resourceGroupName).ifPresent(m -> add(problems, "resourceGroupName", m));
    clusterRpProblem(clusterRp).ifPresent(m -> add(problems, "clusterRp", m));
    clusterResourceNameProblem(clusterResourceName)
        .ifPresent(m -> add(problems, "clusterResourceName", m));
    armNameProblem("clusterName", clusterName).ifPresent(m -> add(problems, "clusterName", m));
    return problems;
  }

  /**
   * Problems of the {@code fluxConfigurationName} segment: an ARM resource name (at most 260
   * characters, none of {@code <>%&:\?/} or control characters) that is also a Kubernetes DNS-1123
   * subdomain of at most 63 characters.
   */
  public static List<ErrorDetail> validateConfigurationName(String name) {
    List<ErrorDetail> problems = new ArrayList<>();
    Optional<String> problem =
        armNameProblem("fluxConfigurationName", name)
            .or(
                () ->
                    KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_LABEL)
                        .map(
                            why ->
                                "The configuration name "
                                    + MessageText.quote(name)
                                    + " "
                                    + why
                                    + ". It names the Flux objects in the cluster, so it must be"
                                    + " 1 to 63 lower-case letters, digits, '-' and '.', starting"
                                    + " and ending with a letter or digit."));
    problem.ifPresent(m -> add(problems, "fluxConfigurationName", m));
    return problems;
  }

  /**
   * The spec only asks for a non-empty subscription id (the examples use {@code subId1}, not a
   * GUID); ARM's name rule keeps ids that round-trip through URLs (no {@code /} from a {@code
   * %2F}).
   */
  private static Optional<String> subscriptionProblem(String value) {
    return armNameProblem("subscriptionId", value);
  }

  private static Optional<String> resourceGroupProblem(String value) {
    String rules =
        " Resource group names are 1 to 90 letters, digits, '_', '-', '.', '(' and ')', and do not"
            + " end with '.'.";
    if (value == null || value.isEmpty()) {
      return Optional.of("The resourceGroupName path segment must not be empty." + rules);
    }
    if (value.length() > MAX_RESOURCE_GROUP) {
      return Optional.of(
          "The resource group name is " + value.length() + " characters long." + rules);
    }
    if (!RESOURCE_GROUP.matcher(value).matches()) {
      return Optional.of(
          "The resource group name "
              + MessageText.quote(value)
              + " contains characters that are not allowed."
              + rules);
    }
    if (value.endsWith(".")) {
      return Optional.of(
          "The resource group name " + MessageText.quote(value) + " ends with '.'." + rules);
    }
    return Optional.empty();
  }

  private static Optional<String> clusterRpProblem(String value) {
    if (value == null || !PROVIDER_NAMESPACE.matcher(value).matches()) {
      return Optional.of(
          "The clusterRp path segment "
              + MessageText.quote(value == null ? "" : value)
              + " is not a resource provider namespace; use e.g. Microsoft.Kubernetes,"
              + " Microsoft.ContainerService or Microsoft.HybridContainerService.");
    }
    return tooLong("clusterRp", value);
  }

  private static Optional<String> clusterResourceNameProblem(String value) {
    if (value == null || !CLUSTER_RESOURCE_TYPE.matcher(value).matches()) {
      return Optional.of(
          "The clusterResourceName path segment "
              + MessageText.quote(value == null ? "" : value)
              + " is not a cluster resource type; it must be letters only, e.g. connectedClusters,"
              + " managedClusters, provisionedClusters or appliances.");
    }
    return tooLong("clusterResourceName", value);
  }

  private static Optional<String> tooLong(String parameter, String value) {
    if (value.length() > MAX_SEGMENT) {
      return Optional.of(
          "The "
              + parameter
              + " path segment is "
              + value.length()
              + " characters long; at most "
              + MAX_SEGMENT
              + " are allowed.");
    }
    return Optional.empty();
  }

  private static Optional<String> armNameProblem(String parameter, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("The " + parameter + " path segment must not be empty.");
    }
    if (value.length() > MAX_ARM_NAME) {
      return Optional.of(
          "The "
              + parameter
              + " path segment is "
              + value.length()
              + " characters long; resource names have at most "
              + MAX_ARM_NAME
              + ".");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || ARM_FORBIDDEN.indexOf(c) >= 0) {
        return Optional.of(
            "The "
                + parameter
                + " path segment "
                + MessageText.quote(value)
                + " contains "
                + (Character.isISOControl(c) ? "a control character" : "'" + c + "'")
                + "; resource names cannot contain control characters or any of "
                + ARM_FORBIDDEN
                + ".");
      }
    }
    return Optional.empty();
  }

  private static void add(List<ErrorDetail> problems, String parameter, String message) {
    problems.add(ErrorDetail.of(ArmErrorCode.INVALID_PATH_PARAMETER, parameter, message));
  }
}
