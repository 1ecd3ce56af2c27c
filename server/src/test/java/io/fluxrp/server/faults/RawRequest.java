package io.fluxrp.server.faults;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One request as sent on the wire: target and header values are raw ISO-8859-1 text. */
record RawRequest(String method, String target, Map<String, String> headers, byte[] body) {
  @Override
  public String toString() {
    String body = this.body == null ? "" : new String(this.body, StandardCharsets.ISO_8859_1);
    return method
        + " "
        + abbreviate(target)
        + " "
        + headers.entrySet().stream().map(e -> e.getKey() + "=" + abbreviate(e.getValue())).toList()
        + " "
        + abbreviate(body);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
  }
}
