package io.fluxrp.agent.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.HelmReleasePropertiesDefinition;
import io.fluxrp.model.fluxconfig.ObjectReferenceDefinition;
import java.util.Map;
import java.util.Optional;

/** {@code helmReleaseProperties} from a HelmRelease {@code helm.toolkit.fluxcd.io/v2} status. */
final class HelmReleaseProperties {

  private HelmReleaseProperties() {}

  /** Null when the HelmRelease has none of the fields yet (e.g. no status). */
  static HelmReleasePropertiesDefinition of(GenericKubernetesResource helmRelease) {
    HelmReleasePropertiesDefinition properties =
        new HelmReleasePropertiesDefinition(
            latestReleaseVersion(helmRelease).orElse(null),
            StatusMapper.chartOf(helmRelease)
                .map(chart -> new ObjectReferenceDefinition(chart.name(), chart.namespace()))
                .orElse(null),
            FluxFields.number(helmRelease, "status", "failures").orElse(null),
            FluxFields.number(helmRelease, "status", "installFailures").orElse(null),
            FluxFields.number(helmRelease, "status", "upgradeFailures").orElse(null));
    return properties.equals(new HelmReleasePropertiesDefinition(null, null, null, null, null))
        ? null
        : properties;
  }

  /** The Helm release revision of the newest snapshot ({@code status.history[0].version}). */
  private static Optional<Long> latestReleaseVersion(GenericKubernetesResource helmRelease) {
    return FluxFields.list(helmRelease, "status", "history").stream()
        .findFirst()
        .filter(Map.class::isInstance)
        .flatMap(snapshot -> FluxFields.asLong(((Map<?, ?>) snapshot).get("version")));
  }
}
