package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Git reference; precedence commit &gt; semver &gt; tag &gt; branch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryRefDefinition(String branch, String tag, String semver, String commit) {}
