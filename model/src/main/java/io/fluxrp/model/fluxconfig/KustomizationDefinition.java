package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One Kustomization of the configuration (its name is the map key). {@code waitForReady} is the
 * wire property {@code wait} (a record component cannot be called {@code wait}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KustomizationDefinition(
    String path,
    List<String> dependsOn,
    Long timeoutInSeconds,
    Long syncIntervalInSeconds,
    Long retryIntervalInSeconds,
    Boolean prune,
    Boolean force,
    @JsonProperty("wait") Boolean waitForReady,
    PostBuildDefinition postBuild) {}
