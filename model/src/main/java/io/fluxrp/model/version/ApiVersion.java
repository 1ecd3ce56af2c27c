package io.fluxrp.model.version;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The api-versions of {@code Microsoft.KubernetesConfiguration/fluxConfigurations} this server
 * speaks, oldest first. The declaration order is the order of the API's history: a field or enum
 * value "since" version V exists in V and every later constant.
 */
public enum ApiVersion {
  V2022_03_01("2022-03-01"),
  V2022_07_01("2022-07-01"),
  V2022_11_01("2022-11-01"),
  V2023_05_01("2023-05-01"),
  V2024_04_01_PREVIEW("2024-04-01-preview"),
  V2024_11_01("2024-11-01"),
  V2025_04_01("2025-04-01");

  public static final ApiVersion LATEST = V2025_04_01;

  /** ARM's api-version syntax: a date with an optional pre-release suffix. */
  private static final Pattern FORMAT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-(preview|alpha|beta|rc|privatepreview))?");

  private final String wire;

  ApiVersion(String wire) {
    this.wire = wire;
  }

  /** The value clients send in {@code ?api-version=}. */
  public String wire() {
    return wire;
  }

  public boolean atLeast(ApiVersion other) {
    return compareTo(other) >= 0;
  }

  public static List<String> supported() {
    return Arrays.stream(values()).map(ApiVersion::wire).toList();
  }

  /**
   * Parses the {@code api-version} query value, raising the ARM error for a missing, malformed or
   * unsupported value.
   */
  public static ApiVersion parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new ArmException(
          ArmErrorCode.MISSING_API_VERSION,
          "The api-version query parameter (?api-version=) is required for all requests. Supported"
              + " api-versions: "
              + String.join(", ", supported())
              + ".");
    }
    for (ApiVersion v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    if (!FORMAT.matcher(value.toLowerCase(java.util.Locale.ROOT)).matches()) {
      throw new ArmException(
          ArmErrorCode.INVALID_API_VERSION,
          "The api-version '"
              + value
              + "' is invalid. The supported versions are '"
              + String.join(",", supported())
              + "'.");
    }
    throw new ArmException(
        ArmErrorCode.NO_REGISTERED_PROVIDER,
        "No registered resource provider found for resource type"
            + " 'Microsoft.KubernetesConfiguration/fluxConfigurations' and api-version '"
            + value
            + "'. The supported api-versions are '"
            + String.join(", ", supported())
            + "'.");
  }
}
