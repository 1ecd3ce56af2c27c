package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Managed identity for Azure Blob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedIdentityDefinition(String clientId) {}
