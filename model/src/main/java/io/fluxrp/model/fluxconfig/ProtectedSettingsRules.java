package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.BUCKET_SECRET_KEY;
import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.HTTPS_KEY;
import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.SSH_PRIVATE_KEY;
import static io.fluxrp.model.fluxconfig.MessageText.quote;
import static io.fluxrp.model.fluxconfig.PropertyPaths.SETTINGS;

import io.fluxrp.model.schema.JsonPath;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code configurationProtectedSettings}: keys that can be Secret keys, and base64 values for the
 * keys the source credentials use. Which settings fit the source is checked with each source.
 */
final class ProtectedSettingsRules {
  private static final Pattern SECRET_DATA_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

  private final ValidationProblems problems;
  private final PropertyChecks checks;

  ProtectedSettingsRules(ValidationProblems problems) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
  }

  void check(Map<String, String> settings) {
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      JsonPath path = SETTINGS.key(setting.getKey());
      checkKey(path, setting.getKey());
      if (setting.getValue() != null) {
        checkValue(path, setting.getKey(), setting.getValue());
      }
    }
  }

  private void checkKey(JsonPath path, String key) {
    if (key.isEmpty()) {
      problems.invalid(path, "A configurationProtectedSettings key must not be empty.");
    } else if (key.length() > KubernetesNames.MAX_SUBDOMAIN
        || !SECRET_DATA_KEY.matcher(key).matches()) {
      problems.invalid(
          path,
          "The configurationProtectedSettings key "
              + quote(key)
              + " is not a valid Kubernetes Secret key; use at most 253 letters, digits, '-', '_'"
              + " and '.'.");
    }
  }

  private void checkValue(JsonPath path, String key, String value) {
    switch (key) {
      case SSH_PRIVATE_KEY ->
          checks.checkSecretBase64(path, value).ifPresent(bytes -> checkPrivateKey(path, bytes));
      case HTTPS_KEY, BUCKET_SECRET_KEY -> checks.checkSecretBase64(path, value);
      default -> {}
    }
  }

  private void checkPrivateKey(JsonPath path, byte[] decoded) {
    SshPrivateKeys.problem(decoded)
        .ifPresent(
            why ->
                problems.invalid(
                    path, "The decoded SSH private key in '" + path + "' " + why + "."));
  }
}
