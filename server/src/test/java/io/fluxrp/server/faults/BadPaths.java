package io.fluxrp.server.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request targets built from the server's own path templates with one to three segments replaced by
 * odd ones (empty, dot segments, encoded slashes and NULs, broken percent-encoding, raw non-ASCII
 * bytes, spaces, very long names), sent with every method. Bodies, when sent, are not JSON, so no
 * odd path can create anything.
 */
final class BadPaths {
  /** A cluster other than the seeded one, so no spelling of a path can reach what is seeded. */
  private static final String CLUSTER =
      "/subscriptions/fuzzSub/resourceGroups/fuzzRg/providers/Microsoft.Kubernetes/connectedClusters/fuzzCluster";

  private static final String COLLECTION =
      CLUSTER + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
  private static final String RESOURCE = COLLECTION + "/fuzz-target";
  private static final List<String> TEMPLATES =
      List.of(
          COLLECTION,
          RESOURCE,
          RESOURCE + "/operations/00000000-0000-0000-0000-000000000000",
          RESOURCE + "/operationResults/00000000-0000-0000-0000-000000000000",
          "/admin/v1/clusters" + CLUSTER,
          "/admin/v1/clusters" + CLUSTER + "/credential",
          "/admin/v1/roleAssignments/fuzz-assignment",
          "/agent/v1/desired",
          "/healthz");
  private static final List<String> METHODS =
      List.of("GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS", "TRACE", "HEAD", "FROB");

  private BadPaths() {}

  static Arbitrary<RawRequest> any(String apiVersion) {
    return Combinators.combine(
            Arbitraries.of(TEMPLATES),
            oddSegment().list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.integers().between(0, 1_000),
            Arbitraries.of(METHODS),
            Arbitraries.of("", "?api-version=" + apiVersion, "?api-version=" + apiVersion + "&"))
        .as(
            (template, odd, position, method, query) -> {
              List<String> segments = new ArrayList<>(Arrays.asList(template.split("/", -1)));
              for (int i = 0; i < odd.size(); i++) {
                int at = 1 + (position + i * 7) % (segments.size() - 1);
                segments.set(at, odd.get(i));
              }
              boolean hasBody = List.of("PUT", "PATCH", "POST").contains(method);
              return new RawRequest(
                  method,
                  String.join("/", segments) + query,
                  hasBody ? Map.of("Content-Type", "application/json") : Map.of(),
                  hasBody
                      ? "{\"properties\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                      : null);
            });
  }

  static Arbitrary<String> oddSegment() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            ".",
            "..",
            "%2e%2e",
            "%2F",
            "a%2Fb",
            "%00",
            "a%00b",
            "%",
            "%Z",
            "%ZZ",
            "%C3%28",
            "%FF%FE",
            "%ED%A0%80",
            "a b",
            "a;b",
            "a:b",
            "~",
            "*",
            "@",
            "%7B%7D",
            "{name}",
            "\u00e9",
            "\u00ff\u00fe",
            "a\tb"),
        Arbitraries.strings()
            .withCharRange('!', '~')
            .ofMinLength(1)
            .ofMaxLength(40)
            .map(s -> s.replace("?", "%3F").replace("#", "%23").replace("/", "%2F")),
        Arbitraries.integers().between(64, 9_000).map(n -> "a".repeat(n) + "%"));
  }
}
