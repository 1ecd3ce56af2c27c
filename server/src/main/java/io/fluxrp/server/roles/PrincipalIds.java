package io.fluxrp.server.roles;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Principal ids as role assignments name them: the token's {@code oid} (else {@code sub}), compared
 * exactly, except that GUIDs (Entra object ids) compare in lower case.
 */
public final class PrincipalIds {
  static final int MAX_LENGTH = 256;
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private PrincipalIds() {}

  public static String normalize(String id) {
    return GUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id;
  }

  /** 1 to 256 printable ASCII characters without spaces. */
  public static boolean valid(String id) {
    return !id.isEmpty()
        && id.length() <= MAX_LENGTH
        && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
