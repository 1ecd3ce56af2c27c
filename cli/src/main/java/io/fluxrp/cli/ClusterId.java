package io.fluxrp.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A cluster's ARM id as given on the command line ({@code
 * /subscriptions/.../connectedClusters/c1}), checked only as far as building a URL needs; the
 * server judges the rest.
 */
record ClusterId(String value) {

  private static final String PREFIX = "/subscriptions/";

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
   * An id starting with {@code /subscriptions/}, without empty, {@code .} or {@code ..} segments.
   */
  static final class Converter implements ITypeConverter<ClusterId> {
    @Override
    public ClusterId convert(String value) {
      String id = value.strip();
      if (!id.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a cluster id: it starts with "
                + PREFIX
                + " (e.g. /subscriptions/sub1/resourceGroups/rg1/providers/"
                + "Microsoft.Kubernetes/connectedClusters/c1)");
      }
      for (String segment : id.substring(1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw new TypeConversionException(
              "'" + value + "' is not a cluster id: it has an empty, '.' or '..' segment");
        }
        if (segment.chars().anyMatch(Character::isISOControl)) {
          throw new TypeConversionException(
              "'" + value + "' is not a cluster id: it has control characters");
        }
      }
      return new ClusterId(id);
    }
  }
}
