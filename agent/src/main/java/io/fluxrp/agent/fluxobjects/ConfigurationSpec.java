package io.fluxrp.agent.fluxobjects;

import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.ScopeType;
import io.fluxrp.model.fluxconfig.SourceKind;
import java.util.Map;
import java.util.Objects;

/**
 * What the factory needs to know about one configuration.
 *
 * @param name the configuration's resource name (the Flux source's name)
 * @param generation the generation of the desired state, written as an annotation
 * @param operationId the ARM operation waiting for this state (may be null)
 * @param properties the canonical desired state, write-only values included
 */
public record ConfigurationSpec(
    String name, long generation, String operationId, FluxConfigurationProperties properties) {

  public ConfigurationSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(properties, "properties");
  }

  /** The namespace of every namespaced object (the schema default when absent). */
  public String namespace() {
    return properties.namespace() == null ? "default" : properties.namespace();
  }

  public ScopeType scope() {
    return properties.scope() == null ? ScopeType.CLUSTER : properties.scope();
  }

  public SourceKind sourceKind() {
    return properties.sourceKind() == null ? SourceKind.GIT_REPOSITORY : properties.sourceKind();
  }

  public boolean suspended() {
    return Boolean.TRUE.equals(properties.suspend());
  }

  /** The protected settings (base64 values), empty when none were given. */
  public Map<String, String> protectedSettings() {
    Map<String, String> settings = properties.configurationProtectedSettings();
    return settings == null ? Map.of() : settings;
  }

  /** Without the properties: they hold write-only values. */
  @Override
  public String toString() {
    return "ConfigurationSpec[name="
        + name
        + ", generation="
        + generation
        + ", operationId="
        + operationId
        + "]";
  }
}
