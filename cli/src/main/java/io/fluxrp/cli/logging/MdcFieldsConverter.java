package io.fluxrp.cli.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code %fields{requestId,correlationId}}: the named MDC entries that are present, in logfmt form
 * inside brackets with a trailing space ({@code [requestId=abc correlationId=def] }); nothing at
 * all when none is present.
 */
public final class MdcFieldsConverter extends ClassicConverter {

  private List<String> keys = List.of();

  @Override
  public void start() {
    List<String> options = getOptionList();
    keys = options == null ? List.of() : List.copyOf(options);
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc == null || mdc.isEmpty()) {
      return "";
    }
    StringBuilder out = null;
    for (String key : keys) {
      String value = mdc.get(key);
      if (value == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(64).append('[');
      } else {
        out.append(' ');
      }
      out.append(key).append('=');
      appendValue(out, value);
    }
    return out == null ? "" : out.append("] ").toString();
  }

  /** logfmt: bare when it can be, else double-quoted with {@code "} and {@code \} escaped. */
  static void appendValue(StringBuilder out, String value) {
    boolean bare = !value.isEmpty();
    for (int i = 0; i < value.length() && bare; i++) {
      char c = value.charAt(i);
      bare = c > ' ' && c != '"' && c != '=' && c != '\\' && c != ']' && c < 0x7f;
    }
    if (bare) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < ' ' ? ' ' : c);
      }
    }
    out.append('"');
  }
}
