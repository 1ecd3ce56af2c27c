package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OCI artifact source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciRepositoryDefinition(
    String url,
    Long timeoutInSeconds,
    Long syncIntervalInSeconds,
    OciRepositoryRefDefinition repositoryRef,
    LayerSelectorDefinition layerSelector,
    VerifyDefinition verify,
    Boolean insecure,
    Boolean useWorkloadIdentity,
    String serviceAccountName,
    TlsConfigDefinition tlsConfig,
    String localAuthRef) {}
