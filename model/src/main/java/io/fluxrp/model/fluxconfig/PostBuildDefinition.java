package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Variable substitution after the kustomize build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostBuildDefinition(
    Map<String, String> substitute, List<SubstituteFromDefinition> substituteFrom) {}
