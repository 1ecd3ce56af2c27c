package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Client TLS for the OCI registry; all write-only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsConfigDefinition(
    String clientCertificate, String privateKey, String caCertificate) {}
