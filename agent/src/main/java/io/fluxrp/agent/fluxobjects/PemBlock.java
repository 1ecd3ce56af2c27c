package io.fluxrp.agent.fluxobjects;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first PEM block of a text: its type, its decoded body, and whether it is encrypted. */
record PemBlock(String type, byte[] der, boolean encrypted) {
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final int LINE_LENGTH = 64;

  /**
   * The first block of {@code text}, empty when there is none; a body that is not base64 throws
   * {@link IllegalArgumentException}.
   */
  static Optional<PemBlock> firstIn(String text) {
    Matcher begin = BEGIN.matcher(text);
    if (!begin.find()) {
      return Optional.empty();
    }
    String type = begin.group(1);
    int end = text.indexOf("-----END " + type + "-----", begin.end());
    if (end < 0) {
      return Optional.empty();
    }
    StringBuilder base64 = new StringBuilder();
    boolean encrypted = false;
    for (String line : text.substring(begin.end(), end).split("\r?\n")) {
      String l = line.strip();
      if (l.contains(":")) {
        encrypted |= l.startsWith("Proc-Type:") && l.contains("ENCRYPTED");
      } else {
        base64.append(l);
      }
    }
    return Optional.of(
        new PemBlock(type, Base64.getDecoder().decode(base64.toString()), encrypted));
  }

  /** PEM text of {@code der}: 64-character lines, each line (the last one too) ending in LF. */
  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(LINE_LENGTH, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
