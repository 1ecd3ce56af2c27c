package io.fluxrp.model.fluxconfig;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decoding of the API's base64 fields the way clients produce them: the standard alphabet, padding
 * optional, line breaks and other whitespace ignored (a file piped through {@code base64} without
 * {@code -w0}).
 */
final class Base64Values {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Base64Values() {}

  /** The decoded bytes, or empty when the value is not base64. */
  static Optional<byte[]> decode(String value) {
    String compact = WHITESPACE.matcher(value).replaceAll("");
    try {
      return Optional.of(Base64.getDecoder().decode(compact));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A hint for a value that is not base64 but looks like what should have been encoded. It never
   * contains any part of the value.
   */
  static String notEncodedHint(String value) {
    if (value.contains("-----BEGIN")) {
      return " It looks like PEM text that was not base64-encoded; encode it first (for example"
          + " `base64 -w0 <file>`).";
    }
    if (value.contains("ssh-") || value.contains("ecdsa-")) {
      return " It looks like known_hosts or key text that was not base64-encoded; encode it first"
          + " (for example `base64 -w0 <file>`).";
    }
    if (value.contains("-") || value.contains("_")) {
      return " Use the standard base64 alphabet (A-Z, a-z, 0-9, '+', '/'), not the URL-safe one.";
    }
    return "";
  }
}
