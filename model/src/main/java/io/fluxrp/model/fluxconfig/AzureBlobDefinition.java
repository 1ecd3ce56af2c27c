package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Azure Blob container source (becomes a Flux Bucket with provider azure). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AzureBlobDefinition(
    String url,
    String containerName,
    Long timeoutInSeconds,
    Long syncIntervalInSeconds,
    ServicePrincipalDefinition servicePrincipal,
    String accountKey,
    String sasToken,
    ManagedIdentityDefinition managedIdentity,
    String localAuthRef) {}
