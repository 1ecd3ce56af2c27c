package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.MAX_SECONDS;
import static io.fluxrp.model.fluxconfig.MessageText.quote;

import io.fluxrp.model.schema.JsonPath;
import java.util.Optional;

/** Checks of single properties that several areas share: seconds, texts, names and base64. */
final class PropertyChecks {
  private final ValidationProblems problems;

  PropertyChecks(ValidationProblems problems) {
    this.problems = problems;
  }

  /** Whether {@code value} is present and not blank; reports it as missing when it is not. */
  boolean checkPresent(JsonPath path, String value, String messageWhenMissing) {
    if (value == null || value.isBlank()) {
      problems.missing(path, messageWhenMissing);
      return false;
    }
    return true;
  }

  /** The {@code timeoutInSeconds} and {@code syncIntervalInSeconds} of a source block. */
  void checkSourceIntervals(JsonPath source, Long timeoutInSeconds, Long syncIntervalInSeconds) {
    checkSeconds(source.property("timeoutInSeconds"), timeoutInSeconds);
    checkSeconds(source.property("syncIntervalInSeconds"), syncIntervalInSeconds);
  }

  void checkSeconds(JsonPath path, Long value) {
    if (value != null && (value < 1 || value > MAX_SECONDS)) {
      problems.invalid(
          path,
          "The property '"
              + path
              + "' is "
              + value
              + " seconds; it must be between 1 and "
              + MAX_SECONDS
              + " seconds.");
    }
  }

  void checkNotBlank(JsonPath path, String value) {
    if (value != null && value.isBlank()) {
      problems.invalid(
          path, "The property '" + path + "' must not be empty; omit it or send null instead.");
    }
  }

  /** The {@code localAuthRef} of a source block: the name of a Secret. */
  void checkLocalAuthRef(JsonPath source, String secretName) {
    checkLocalObjectName(source.property("localAuthRef"), secretName, "Secret");
  }

  void checkLocalObjectName(JsonPath path, String name, String kind) {
    if (name == null) {
      return;
    }
    KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_SUBDOMAIN)
        .ifPresent(
            why ->
                problems.invalid(
                    path,
                    "'"
                        + path
                        + "' must name a "
                        + kind
                        + " in the configuration's namespace, but "
                        + quote(name)
                        + " "
                        + why
                        + ". Kubernetes object names are DNS-1123 subdomains: lower-case letters,"
                        + " digits, '-' and '.'."));
  }

  /** Checks that a base64 field decodes; returns the bytes when it does. */
  Optional<byte[]> checkBase64(JsonPath path, String value) {
    return checkBase64(path, value, false);
  }

  /**
   * Like {@link #checkBase64} for a write-only value, which is never described beyond its length.
   */
  Optional<byte[]> checkSecretBase64(JsonPath path, String value) {
    return checkBase64(path, value, true);
  }

  private Optional<byte[]> checkBase64(JsonPath path, String value, boolean secret) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      problems.invalid(
          path,
          "The property '"
              + path
              + "' is empty; send the base64-encoded value, or null to remove it.");
      return Optional.empty();
    }
    Optional<byte[]> bytes = Base64Values.decode(value);
    if (bytes.isEmpty()) {
      problems.invalid(
          path,
          "The property '"
              + path
              + "' must be base64-encoded (standard alphabet; line breaks and missing padding are"
              + " tolerated), but the "
              + (secret ? "value sent" : "value")
              + " ("
              + value.length()
              + " characters) does not decode."
              + Base64Values.notEncodedHint(value));
    }
    return bytes;
  }
}
