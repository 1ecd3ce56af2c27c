package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Service principal credentials for Azure Blob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicePrincipalDefinition(
    String clientId,
    String tenantId,
    String clientSecret,
    String clientCertificate,
    String clientCertificatePassword,
    Boolean clientCertificateSendChain) {}
