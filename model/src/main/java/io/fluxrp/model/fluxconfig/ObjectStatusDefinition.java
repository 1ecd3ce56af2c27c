package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Status of one Flux object on the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectStatusDefinition(
    String name,
    String namespace,
    String kind,
    ComplianceState complianceState,
    ObjectReferenceDefinition appliedBy,
    List<ObjectStatusConditionDefinition> statusConditions,
    HelmReleasePropertiesDefinition helmReleaseProperties) {}
