package io.fluxrp.server.faults;

import io.fluxrp.server.http.BodyReader;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A create of a valid configuration made invalid by exactly one header (a Content-Type that is not
 * JSON, an If-Match no absent resource can meet, an Authorization that is not a valid token of this
 * server), plus up to three other headers with odd names and values.
 */
final class BadHeaders {
  private BadHeaders() {}

  static Arbitrary<RawRequest> any(String validToken) {
    Arbitrary<Map.Entry<String, String>> breaking =
        Arbitraries.oneOf(
            contentType().map(v -> Map.entry("Content-Type", v)),
            headerValue().filter(v -> !v.isBlank()).map(v -> Map.entry("If-Match", v)),
            authorization(validToken).map(v -> Map.entry("Authorization", v)));
    return Combinators.combine(breaking, extraHeader().list().ofMaxSize(3))
        .as(
            (broken, extras) -> {
              Map<String, String> headers = new LinkedHashMap<>();
              headers.put("Authorization", "Bearer " + validToken);
              headers.put("Content-Type", "application/json");
              extras.forEach(e -> headers.putIfAbsent(e.getKey(), e.getValue()));
              headers.put(broken.getKey(), broken.getValue());
              return new RawRequest(
                  "PUT",
                  ArmClient.v(ArmClient.config("fuzz-headers")),
                  headers,
                  Bodies.git().getBytes(StandardCharsets.UTF_8));
            });
  }

  /** Media types the server must refuse (checked against its own rule). */
  static Arbitrary<String> contentType() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "text/plain",
                "application/xml",
                "application/json; charset=latin1",
                "application/json;charset=utf-16",
                "application/jsonx",
                "json",
                "*/*",
                "application/*",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "application/json\u00e9"),
            headerValue())
        .filter(BadHeaders::refused);
  }

  private static boolean refused(String contentType) {
    try {
      BodyReader.checkContentType(contentType.strip());
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** Authorization values that are not this server's valid token in any spelling. */
  static Arbitrary<String> authorization(String token) {
    String[] parts = token.split("\\.");
    return Arbitraries.oneOf(
        Arbitraries.of(
            "Bearer",
            "Bearer ",
            "Bearer  ",
            "Basic dXNlcjpwYXNz",
            "Negotiate abc",
            "Bearer a.b.c",
            "Bearer ...",
            "Bearer eyJhbGciOiJub25lIn0.e30.",
            "Bearer " + parts[0] + "." + parts[1] + ".",
            "Bearer " + parts[0] + "." + parts[1],
            "Bearer " + token + "x",
            "Bearer " + token + "." + parts[2],
            token,
            "Bearer Bearer " + token),
        Arbitraries.integers()
            .between(0, parts[2].length() - 3)
            .map(at -> "Bearer " + parts[0] + "." + parts[1] + "." + flip(parts[2], at)),
        Arbitraries.integers()
            .between(0, parts[1].length() - 3)
            .map(at -> "Bearer " + flip(token, parts[0].length() + 1 + at)),
        headerValue().map(v -> "Bearer " + v));
  }

  private static String flip(String text, int at) {
    char c = text.charAt(at);
    char replacement = c == 'A' ? 'B' : 'A';
    return text.substring(0, at) + replacement + text.substring(at + 1);
  }

  /** An extra header: odd request ids, forwarded hosts, encodings, odd names. */
  static Arbitrary<Map.Entry<String, String>> extraHeader() {
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of(
                "x-ms-client-request-id",
                "x-ms-correlation-request-id",
                "x-ms-return-client-request-id",
                "X-Forwarded-Host",
                "X-Forwarded-Proto",
                "Accept",
                "Accept-Encoding",
                "Content-Encoding",
                "Expect",
                "If-None-Match",
                "Prefer"),
            Arbitraries.strings().alpha().numeric().withChars("-_").ofMinLength(1).ofMaxLength(20));
    return Combinators.combine(name, headerValue()).as(Map::entry);
  }

  /** Header values: printable, obs-text (Latin-1), control characters, long ones. No CR/LF. */
  static Arbitrary<String> headerValue() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
        Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMinLength(1).ofMaxLength(10),
        Arbitraries.strings()
            .withChars("\u0000\u0001\u0007\u001b\t\u007f")
            .ofMinLength(1)
            .ofMaxLength(4),
        Arbitraries.of("gzip", "deflate", "br", "100-continue", "*", "W/\"1\"", "\"1\""),
        Arbitraries.integers().between(1_000, 12_000).map("v"::repeat));
  }
}
