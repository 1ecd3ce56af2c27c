package io.fluxrp.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A cluster's ARM id as given on the command line ({@code
 * /subscriptions/.../connectedClusters/c1}), checked for its shape only: the server judges the
 * segments' values.
 */
record ClusterId(String value) {

  /** The id as a URL path: every segment percent-encoded on its own. */
  String path() {
    StringBuilder path = new StringBuilder();
    for (String segment : value.substring(1).split("/", -1)) {
      path.append('/').append(escape(segment));
    }
    return path.toString();
  }

  /** RFC 3986: everything but the unreserved characters, as UTF-8 percent-escapes. */
  static String escape(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /**
   * An id of the shape {@code /subscriptions/S/resourceGroups/G/providers/P/T/N} (literals in any
   * case), without empty, {@code .} or {@code ..} segments or control characters.
   */
  static final class Converter implements ITypeConverter<ClusterId> {
    @Override
    public ClusterId convert(String value) {
      String id = value.strip();
      String[] s = id.split("/", -1);
      if (s.length != 9
          || !s[0].isEmpty()
          || !s[1].equalsIgnoreCase("subscriptions")
          || !s[3].equalsIgnoreCase("resourceGroups")
          || !s[5].equalsIgnoreCase("providers")) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a cluster id such as"
                + " /subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes"
                + "/connectedClusters/c1");
      }
      for (int i = 1; i < s.length; i++) {
        if (s[i].isEmpty() || s[i].equals(".") || s[i].equals("..")) {
          throw new TypeConversionException(
              "'" + value + "' is not a cluster id: it has an empty, '.' or '..' segment");
        }
        if (s[i].chars().anyMatch(Character::isISOControl)) {
          throw new TypeConversionException(
              "'" + value + "' is not a cluster id: it has control characters");
        }
      }
      return new ClusterId(id);
    }
  }
}
