package io.fluxrp.agent.fluxobjects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code data} of a Secret being built: key to raw bytes, null values skipped. Values that
 * arrive base64-encoded in the configuration are decoded first, so the Secret holds what Flux reads
 * (the Kubernetes wire form then encodes them once).
 */
final class SecretData {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  /** {@code value} as UTF-8, when not null. */
  SecretData text(String key, String value) {
    if (value != null) {
      entries.put(key, value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /**
   * The decoded {@code base64} value, when not null; {@code property} names it in the error when it
   * is not base64 (the value itself is never shown).
   */
  SecretData decoded(String key, String base64, String property) {
    if (base64 != null) {
      entries.put(key, decode(base64, property));
    }
    return this;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The Kubernetes wire form: each value base64-encoded. */
  Map<String, String> toWire() {
    Map<String, String> wire = new LinkedHashMap<>();
    entries.forEach((key, value) -> wire.put(key, Base64.getEncoder().encodeToString(value)));
    return wire;
  }

  /**
   * Decodes base64 the way clients produce it: standard alphabet, padding optional, line breaks
   * ignored (a file piped through {@code base64} without {@code -w0}).
   */
  static byte[] decode(String base64, String property) {
    try {
      return Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + property + "' is not valid base64");
    }
  }

  static String decodeText(String base64, String property) {
    return new String(decode(base64, property), StandardCharsets.UTF_8);
  }
}
