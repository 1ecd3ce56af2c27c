package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Git source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitRepositoryDefinition(
    String url,
    Long timeoutInSeconds,
    Long syncIntervalInSeconds,
    RepositoryRefDefinition repositoryRef,
    String sshKnownHosts,
    String httpsUser,
    String httpsCACert,
    String localAuthRef,
    ProviderType provider) {}
