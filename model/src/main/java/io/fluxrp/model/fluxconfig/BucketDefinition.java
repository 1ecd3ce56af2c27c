package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** S3-compatible bucket source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BucketDefinition(
    String url,
    String bucketName,
    Boolean insecure,
    Long timeoutInSeconds,
    Long syncIntervalInSeconds,
    String accessKey,
    String localAuthRef) {}
