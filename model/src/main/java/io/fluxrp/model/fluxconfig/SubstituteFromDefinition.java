package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A ConfigMap or Secret to take substitution variables from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubstituteFromDefinition(String kind, String name, Boolean optional) {}
