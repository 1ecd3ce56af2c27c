package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.BUCKET_SECRET_KEY;
import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.HTTPS_KEY;
import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.SSH_PRIVATE_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parts of problem messages: received values made safe to show, and notes on removing values. */
final class MessageText {
  /** The password of a URL: up to the last '@' before the path, spaces and '@'s included. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/]*@");

  private static final int MAX_ECHO = 120;
  private static final int MAX_SSH_NAME = 40;
  private static final Set<String> WRITE_ONLY =
      Set.of(
          SSH_PRIVATE_KEY,
          HTTPS_KEY,
          BUCKET_SECRET_KEY,
          "accountKey",
          "sasToken",
          "clientSecret",
          "clientCertificate",
          "clientCertificatePassword");

  private MessageText() {}

  /** A received (non-secret) value for a message: quoted, control characters escaped, shortened. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(value.length(), MAX_ECHO);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    if (value.length() > MAX_ECHO) {
      out.append("...");
    }
    return out.append("'").toString();
  }

  /** A URL for a message, with any password in it masked. */
  static String quoteUrl(String url) {
    return quote(URL_PASSWORD.matcher(url).replaceAll("$1***@"));
  }

  /** A name read from SSH material (key type, cipher): non-printable characters replaced. */
  static String sshName(String name) {
    String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > MAX_SSH_NAME
        ? printable.substring(0, MAX_SSH_NAME) + "..."
        : printable;
  }

  /**
   * How to remove the write-only ones among {@code fields} (simple or dotted names), which a
   * request that omits them keeps; empty when none is write-only.
   */
  static String writeOnlyNote(List<String> fields) {
    List<String> writeOnly = new ArrayList<>();
    for (String f : fields) {
      String simple = f.substring(f.lastIndexOf('.') + 1);
      if (WRITE_ONLY.contains(simple)) {
        writeOnly.add(simple);
      }
    }
    if (writeOnly.isEmpty()) {
      return "";
    }
    return " Write-only values are kept when a request omits them, so send "
        + String.join(" or ", writeOnly.stream().map(f -> "\"" + f + "\": null").toList())
        + " to remove a stored one.";
  }

  /**
   * The rejection of inline credentials next to a {@code localAuthRef}: the Secret it names must
   * hold them all.
   */
  static String inlineCredentialsWithLocalAuthRef(
      String localAuthRef, String secretHolds, List<String> inline) {
    return "'"
        + localAuthRef
        + "' names a Secret in the cluster that holds "
        + secretHolds
        + ", so inline credentials cannot be used with it, but the request also has "
        + String.join(", ", inline)
        + ". Put them into that Secret, or remove localAuthRef."
        + writeOnlyNote(inline);
  }
}
