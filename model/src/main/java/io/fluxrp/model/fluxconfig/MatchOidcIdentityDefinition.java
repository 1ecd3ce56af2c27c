package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Keyless (OIDC) signer identity, as regular expressions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatchOidcIdentityDefinition(String issuer, String subject) {}
