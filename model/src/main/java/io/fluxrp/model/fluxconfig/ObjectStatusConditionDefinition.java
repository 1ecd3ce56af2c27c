package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Kubernetes condition of a Flux object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectStatusConditionDefinition(
    String lastTransitionTime, String message, String reason, String status, String type) {}
