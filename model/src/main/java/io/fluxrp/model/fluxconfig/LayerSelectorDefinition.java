package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which layer of the OCI artifact Flux uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerSelectorDefinition(String mediaType, LayerOperation operation) {}
