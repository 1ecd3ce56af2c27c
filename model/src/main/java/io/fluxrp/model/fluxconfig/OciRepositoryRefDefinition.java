package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OCI reference; precedence digest &gt; semver &gt; tag. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciRepositoryRefDefinition(String tag, String semver, String digest) {}
