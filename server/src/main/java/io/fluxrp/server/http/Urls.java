package io.fluxrp.server.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs the server hands out (nextLink, operation URLs), built on the request's own host.
 */
public final class Urls {
  private Urls() {}

  /** {@code base + path + ?api-version=...}, each path segment percent-encoded. */
  public static String of(String baseUrl, String path, String apiVersion) {
    return baseUrl + encodePath(path) + "?api-version=" + query(apiVersion);
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String encodePath(String path) {
    return java.util.Arrays.stream(path.split("/", -1))
        .map(segment -> query(segment).replace("%28", "(").replace("%29", ")"))
        .collect(java.util.stream.Collectors.joining("/"));
  }
}
