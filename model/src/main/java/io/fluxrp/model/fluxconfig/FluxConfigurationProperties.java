package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The desired state of a Flux configuration in canonical form (every api-version's superset,
 * defaults filled, write-only values included). The read-only status a cluster reports is kept
 * apart, by the server.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FluxConfigurationProperties(
    ScopeType scope,
    String namespace,
    SourceKind sourceKind,
    Boolean suspend,
    GitRepositoryDefinition gitRepository,
    BucketDefinition bucket,
    AzureBlobDefinition azureBlob,
    OciRepositoryDefinition ociRepository,
    Map<String, KustomizationDefinition> kustomizations,
    Map<String, String> configurationProtectedSettings,
    Boolean waitForReconciliation,
    String reconciliationWaitDuration) {}
