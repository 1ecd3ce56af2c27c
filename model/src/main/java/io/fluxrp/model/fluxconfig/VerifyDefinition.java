package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Signature verification of the OCI artifact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyDefinition(
    String provider,
    Map<String, String> verificationConfig,
    List<MatchOidcIdentityDefinition> matchOidcIdentity) {}
