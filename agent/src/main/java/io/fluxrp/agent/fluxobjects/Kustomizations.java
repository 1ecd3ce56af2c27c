package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.KubeObjects.nameRef;
import static io.fluxrp.agent.fluxobjects.KubeObjects.seconds;
import static io.fluxrp.agent.fluxobjects.Sources.putIfPresent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.KustomizationDefinition;
import io.fluxrp.model.fluxconfig.PostBuildDefinition;
import io.fluxrp.model.fluxconfig.SubstituteFromDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kustomizations} → one Kustomization per entry (flux-mapping §3.6, §6.1). */
final class Kustomizations {
  static final String KIND = "Kustomization";
  private static final KustomizationDefinition DEFAULTS =
      new KustomizationDefinition(null, null, null, null, null, null, null, null, null);

  private Kustomizations() {}

  static List<GenericKubernetesResource> build(
      ConfigurationSpec spec, KubeObjects objects, String apiVersion, String sourceKind) {
    Map<String, KustomizationDefinition> all = spec.properties().kustomizations();
    List<GenericKubernetesResource> out = new ArrayList<>();
    if (all == null) {
      return out;
    }
    all.forEach(
        (key, definition) ->
            out.add(
                KubeObjects.withSpec(
                    objects.owned(apiVersion, KIND, FluxNames.kustomization(spec.name(), key)),
                    spec(spec, sourceKind, definition == null ? DEFAULTS : definition))));
    return out;
  }

  private static Map<String, Object> spec(
      ConfigurationSpec spec, String sourceKind, KustomizationDefinition k) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("sourceRef", sourceRef(spec, sourceKind));
    if (k.path() != null && !k.path().isEmpty()) {
      s.put("path", k.path());
    }
    if (k.dependsOn() != null && !k.dependsOn().isEmpty()) {
      s.put(
          "dependsOn",
          k.dependsOn().stream()
              .map(dependency -> nameRef(FluxNames.kustomization(spec.name(), dependency)))
              .toList());
    }
    s.put("interval", seconds(k.syncIntervalInSeconds()));
    if (k.retryIntervalInSeconds() != null) {
      s.put("retryInterval", seconds(k.retryIntervalInSeconds()));
    }
    s.put("timeout", seconds(k.timeoutInSeconds()));
    // prune is required by Kustomization v1; wait must be written because Azure's default (true)
    // is not Flux's (false); force is written alongside for a complete picture of the options
    s.put("prune", Boolean.TRUE.equals(k.prune()));
    s.put("force", Boolean.TRUE.equals(k.force()));
    s.put("wait", !Boolean.FALSE.equals(k.waitForReady()));
    postBuild(k.postBuild()).ifPresent(postBuild -> s.put("postBuild", postBuild));
    s.put("suspend", spec.suspended());
    s.put("serviceAccountName", FluxNames.APPLIER_SERVICE_ACCOUNT);
    return s;
  }

  /** The namespace is spelled out, as Azure's agent does (flux-mapping §2). */
  private static Map<String, Object> sourceRef(ConfigurationSpec spec, String sourceKind) {
    Map<String, Object> sourceRef = new LinkedHashMap<>();
    sourceRef.put("kind", sourceKind);
    sourceRef.put("name", FluxNames.source(spec.name()));
    sourceRef.put("namespace", spec.namespace());
    return sourceRef;
  }

  private static Optional<Map<String, Object>> postBuild(PostBuildDefinition postBuild) {
    if (postBuild == null) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (postBuild.substitute() != null && !postBuild.substitute().isEmpty()) {
      out.put("substitute", new LinkedHashMap<>(postBuild.substitute()));
    }
    if (postBuild.substituteFrom() != null && !postBuild.substituteFrom().isEmpty()) {
      List<Map<String, Object>> from = new ArrayList<>();
      for (SubstituteFromDefinition item : postBuild.substituteFrom()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        putIfPresent(entry, "kind", item.kind());
        putIfPresent(entry, "name", item.name());
        putIfPresent(entry, "optional", item.optional());
        from.add(entry);
      }
      out.put("substituteFrom", from);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }
}
