package io.fluxrp.server.auth;

import java.util.List;

/**
 * An OIDC issuer whose bearer tokens the server accepts.
 *
 * @param issuer the exact {@code iss} value (Entra ID: {@code
 *     https://login.microsoftonline.com/<tenant>/v2.0} or {@code
 *     https://sts.windows.net/<tenant>/})
 * @param jwks where its signing keys are: an {@code https://} (or {@code http://}) JWKS URL, or a
 *     file path
 * @param audiences accepted {@code aud} values (at least one)
 */
public record OidcIssuerSettings(String issuer, String jwks, List<String> audiences) {
  public OidcIssuerSettings {
    audiences = List.copyOf(audiences);
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException("an OIDC issuer needs at least one audience: " + issuer);
    }
  }
}
