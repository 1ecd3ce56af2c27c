package io.fluxrp.agent.fluxobjects;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label and annotation keys on everything the agent writes. Per-configuration objects carry {@link
 * #CONFIGURATION}; the objects a namespace's configurations share (Namespace, ServiceAccount,
 * bindings) do not, and are reference-counted through {@link #NAMESPACE}.
 */
public final class ManagedLabels {
  public static final String MANAGED = "fluxrp.io/managed";
  public static final String MANAGED_VALUE = "true";
  public static final String CONFIGURATION = "fluxrp.io/configuration";
  public static final String NAMESPACE = "fluxrp.io/namespace";
  public static final String OPERATION_ID = "fluxrp.io/operation-id";

  /** On the bindings: {@code cluster} or {@code namespace}. */
  public static final String SCOPE = "fluxrp.io/scope";

  /** Annotation: the configuration's generation, in decimal. */
  public static final String GENERATION = "fluxrp.io/generation";

  /** Annotation {@code "true"} on an auth Secret whose SSH key the agent generated. */
  public static final String GENERATED_IDENTITY = "fluxrp.io/generated-identity";

  /** The server-side apply field manager. */
  public static final String FIELD_MANAGER = "fluxrp-agent";

  private ManagedLabels() {}

  /** Selects every object the agent manages. */
  public static String managedSelector() {
    return MANAGED + "=" + MANAGED_VALUE;
  }

  /** Selects the objects of one configuration. */
  public static String selectorOf(String configName) {
    return managedSelector() + "," + CONFIGURATION + "=" + configName;
  }

  /** The labels of {@link #selectorOf}, for clients that take a map. */
  public static Map<String, String> selectorLabelsOf(String configName) {
    return Map.of(MANAGED, MANAGED_VALUE, CONFIGURATION, configName);
  }

  /** Selects every managed object of a namespace's configurations, shared ones included. */
  public static String namespaceSelector(String namespace) {
    return managedSelector() + "," + NAMESPACE + "=" + namespace;
  }

  /** Labels of an object shared by the configurations of {@code namespace}. */
  public static Map<String, String> sharedLabels(String namespace) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED, MANAGED_VALUE);
    labels.put(NAMESPACE, namespace);
    return labels;
  }

  /** Labels of an object that belongs to one configuration. */
  public static Map<String, String> configurationLabels(ConfigurationSpec spec) {
    Map<String, String> labels = sharedLabels(spec.namespace());
    labels.put(CONFIGURATION, spec.name());
    if (spec.operationId() != null) {
      labels.put(OPERATION_ID, spec.operationId());
    }
    return labels;
  }

  /** Annotations of an object that belongs to one configuration. */
  public static Map<String, String> configurationAnnotations(ConfigurationSpec spec) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(GENERATION, Long.toString(spec.generation()));
    return annotations;
  }
}
