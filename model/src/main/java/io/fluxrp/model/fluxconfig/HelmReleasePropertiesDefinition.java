package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** HelmRelease details. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelmReleasePropertiesDefinition(
    Long lastRevisionApplied,
    ObjectReferenceDefinition helmChartRef,
    Long failureCount,
    Long installFailureCount,
    Long upgradeFailureCount) {}
