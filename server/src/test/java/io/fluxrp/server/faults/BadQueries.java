package io.fluxrp.server.faults;

import io.fluxrp.server.testing.ArmClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Odd query strings (api-version, $top, $skipToken, forceDelete and unknown parameters with odd,
 * repeated, encoded and huge values) on requests that change nothing whatever the query says:
 * reads, a DELETE of a configuration that does not exist, writes with an invalid body.
 */
final class BadQueries {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private BadQueries() {}

  private record Target(String method, String path, String body) {}

  static Arbitrary<RawRequest> any(String seededName) {
    List<Target> targets =
        List.of(
            new Target("GET", ArmClient.COLLECTION, null),
            new Target("GET", ArmClient.config(seededName), null),
            new Target(
                "GET",
                ArmClient.config(seededName) + "/operations/00000000-0000-0000-0000-000000000000",
                null),
            new Target("DELETE", ArmClient.config("fuzz-missing"), null),
            new Target("PATCH", ArmClient.config(seededName), "{\"properties\":{\"suspend\":7}}"),
            new Target("PUT", ArmClient.config("fuzz-missing"), "{\"properties\":{\"x\":1}}"));
    return Combinators.combine(Arbitraries.of(targets), parameter().list().ofMaxSize(5))
        .as(
            (target, parameters) -> {
              String query = parameters.stream().collect(Collectors.joining("&"));
              return new RawRequest(
                  target.method(),
                  target.path() + (query.isEmpty() ? "" : "?" + query),
                  target.body() == null ? Map.of() : JSON,
                  target.body() == null ? null : target.body().getBytes(StandardCharsets.UTF_8));
            });
  }

  /** {@code name=value}, {@code name=} or a bare {@code name}. */
  private static Arbitrary<String> parameter() {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("api-version", "$top", "$skipToken", "forceDelete")),
            Tuple.of(1, Arbitraries.of("API-VERSION", "%24top", "$filter", "$skiptoken", "")),
            Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12)));
    return Combinators.combine(name, value(), Arbitraries.of("=", ""))
        .as((n, v, eq) -> eq.isEmpty() ? n : n + "=" + v);
  }

  static Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "2025-04-01",
            "2025-04-01%20",
            "2025-04-01,2024-11-01",
            "2025-4-1",
            "9999-99-99",
            "2021-01-01",
            "2024-04-01-PREVIEW",
            "%00",
            "%ZZ",
            "%",
            "%C3%28",
            "0",
            "-1",
            "1001",
            "+5",
            "%205",
            "1e3",
            "0x10",
            "99999999999999999999999",
            "1.5",
            "true",
            "TRUE",
            "yes",
            "\u00e9",
            "a%26b%3Dc",
            "eyJub3QiOiJvdXJzIn0",
            "!!!!",
            "AAAA%3D%3D"),
        Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(64),
        Arbitraries.integers().between(1_000, 20_000).map("A"::repeat));
  }
}
