package io.fluxrp.agent.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Kubernetes API request path taken apart: {@code /api/v1/...} or {@code
 * /apis/group/version/...}, then {@code [namespaces/<ns>/]<resource>[/<name>[/<subresource>]]} and
 * the query.
 */
record ApiPath(
    String groupVersionPath,
    String namespace,
    String resource,
    String name,
    String subresource,
    Map<String, String> query) {

  /** Subresources of a Namespace object, which would otherwise look like a resource inside it. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  static ApiPath parse(String rawPath) {
    String[] pathAndQuery = rawPath.split("\\?", 2);
    List<String> segments =
        Arrays.stream(pathAndQuery[0].split("/")).filter(s -> !s.isEmpty()).toList();
    int prefixLength = prefixLength(segments);
    String groupVersionPath = "/" + String.join("/", segments.subList(0, prefixLength));
    List<String> rest = segments.subList(prefixLength, segments.size());
    boolean namespaced =
        rest.size() >= 3
            && rest.get(0).equals("namespaces")
            && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)));
    String namespace = namespaced ? rest.get(1) : null;
    List<String> resourcePart = namespaced ? rest.subList(2, rest.size()) : rest;
    return new ApiPath(
        groupVersionPath,
        namespace,
        element(resourcePart, 0),
        element(resourcePart, 1),
        element(resourcePart, 2),
        parseQuery(pathAndQuery.length > 1 ? pathAndQuery[1] : ""));
  }

  boolean isWatch() {
    return "true".equals(query.get("watch"));
  }

  boolean isStatus() {
    return "status".equals(subresource);
  }

  Optional<String> labelSelector() {
    return Optional.ofNullable(query.get("labelSelector")).filter(s -> !s.isBlank());
  }

  /** The resourceVersion a watch starts after; 0 when absent ("any", the server replays all). */
  long resourceVersion() {
    String value = query.getOrDefault("resourceVersion", "");
    return value.matches("\\d+") ? Long.parseLong(value) : 0;
  }

  String collectionPath() {
    return groupVersionPath
        + (namespace == null ? "" : "/namespaces/" + namespace)
        + "/"
        + resource;
  }

  String objectPath() {
    return collectionPath() + "/" + name;
  }

  /** The path without the query, subresource included. */
  String pathOnly() {
    return objectPath() + (subresource == null ? "" : "/" + subresource);
  }

  private static int prefixLength(List<String> segments) {
    if (segments.isEmpty()) {
      return 0;
    }
    int length =
        switch (segments.get(0)) {
          case "api" -> 2;
          case "apis" -> 3;
          default -> segments.size();
        };
    return Math.min(length, segments.size());
  }

  private static String element(List<String> list, int index) {
    return index < list.size() ? list.get(index) : null;
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        String[] keyValue = pair.split("=", 2);
        parameters.put(decode(keyValue[0]), keyValue.length > 1 ? decode(keyValue[1]) : "");
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
