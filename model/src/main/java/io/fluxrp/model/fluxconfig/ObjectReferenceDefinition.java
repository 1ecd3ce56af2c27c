package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A namespaced object reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectReferenceDefinition(String name, String namespace) {}
