package io.fluxrp.cli;

import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.JwksSource;
import io.fluxrp.server.auth.OidcIssuerSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --oidc-issuer}: {@code
 * issuer=<iss>,jwks=<url-or-file>,audience=<aud>[,audience=<aud2>...]}.
 */
final class OidcIssuerOption {

  static final String SYNTAX = "issuer=<iss>,jwks=<url-or-file>,audience=<aud>[,audience=<aud2>]";

  private OidcIssuerOption() {}

  /**
   * The settings {@code value} describes.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static OidcIssuerSettings parse(String value) {
    String issuer = null;
    String jwks = null;
    List<String> audiences = new ArrayList<>();
    for (String part : value.strip().split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not key=value");
      }
      String key = part.substring(0, eq).strip();
      String v = part.substring(eq + 1).strip();
      if (v.isEmpty()) {
        throw new IllegalArgumentException("'" + key + "' has no value");
      }
      switch (key) {
        case "issuer" -> issuer = once(key, issuer, v);
        case "jwks" -> jwks = once(key, jwks, v);
        case "audience" -> audiences.add(v);
        default -> throw new IllegalArgumentException("unknown key '" + key + "'");
      }
    }
    if (issuer == null || jwks == null || audiences.isEmpty()) {
      throw new IllegalArgumentException("issuer, jwks and at least one audience are required");
    }
    JwksSource.of(jwks); // a URL without host fails here, at parse time
    return new OidcIssuerSettings(issuer, jwks, audiences);
  }

  /**
   * Refuses an issuer configured twice, or the embedded issuer's own.
   *
   * @throws IllegalArgumentException naming it
   */
  static void checkDistinct(List<OidcIssuerSettings> issuers) {
    Set<String> seen = new HashSet<>(Set.of(EmbeddedIssuer.ISSUER));
    for (OidcIssuerSettings settings : issuers) {
      if (!seen.add(settings.issuer())) {
        throw new IllegalArgumentException(
            "issuer " + settings.issuer() + " is configured twice (or is the embedded issuer's)");
      }
    }
  }

  private static String once(String key, String previous, String value) {
    if (previous != null) {
      throw new IllegalArgumentException("'" + key + "' is given twice");
    }
    return value;
  }

  /** picocli's side of {@link #parse}. */
  static final class Converter implements ITypeConverter<OidcIssuerSettings> {
    @Override
    public OidcIssuerSettings convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not " + SYNTAX + ": " + e.getMessage());
      }
    }
  }
}
