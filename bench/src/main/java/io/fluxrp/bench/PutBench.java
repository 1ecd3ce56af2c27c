package io.fluxrp.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * PUT create through the whole path (authentication, validation, store, operation) on an agent
 * cluster (no agent runs, so nothing works on the operations while they are measured) against a
 * bare endpoint of the same JVM doing one raw JDBC upsert of the same document into the same store.
 * Closed-loop throughput (wrk, a new name per request) and open-loop latency at {@code
 * -Dbench.putRate} (default 500/s), once per store of {@code -Dbench.stores} (default {@code
 * h2,postgresql}): the embedded H2 file, and a PostgreSQL this program starts ({@link
 * BenchPostgres}). Goal: at least 50% of the raw ceiling; p99 under 20 ms at 500 req/s. {@code
 * -Dbench.putClusters} spreads the PUTs over more clusters (see {@link #putCollections}).
 */
public final class PutBench {
  private PutBench() {}

  public static void main(String[] args) throws Exception {
    for (String store : System.getProperty("bench.stores", "h2,postgresql").split(",")) {
      switch (store.strip()) {
        case "h2" -> {
          Bench.header("PUT create vs raw JDBC upsert (H2)");
          try (ServerChild server = ServerChild.start()) {
            measure("H2", server);
          }
        }
        case "postgresql" -> {
          try (BenchPostgres postgres = BenchPostgres.start()) {
            Bench.header("PUT create vs raw JDBC upsert (PostgreSQL " + postgres.version + ")");
            try (ServerChild server = ServerChild.start(postgres.serverArguments())) {
              measure("PostgreSQL", server);
            }
          }
        }
        default -> throw new IllegalArgumentException("bench.stores: unknown store " + store);
      }
    }
  }

  private static void measure(String store, ServerChild server) throws Exception {
    int rate = Integer.getInteger("bench.putRate", 500);
    String body = Files.readString(Fixtures.EXAMPLE).replaceAll("\\s+", " ");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<String> collections = putCollections(server);
    List<String> rawPrefix = List.of("/raw/");
    LoadGenerator fluxrp =
        generator(server.fluxrpPort, collections, "j", server.token, bytes, true);
    LoadGenerator raw = generator(server.barePort, rawPrefix, "j", server.token, bytes, false);
    fluxrp.closedLoop(Bench.warmup(), Bench.connections());
    raw.closedLoop(Bench.warmup(), Bench.connections());

    double rawRate =
        Bench.throughput(
            server.barePort,
            "/raw/",
            server.token,
            Wrk.putScript(rawPrefix, server.token, body),
            raw);
    double fluxrpRate =
        Bench.throughput(
            server.fluxrpPort,
            collections.get(0),
            server.token,
            Wrk.putScript(collections, server.token, body),
            fluxrp);
    Bench.line(
        "%s closed loop, %d connections, %d cluster(s): raw upsert %.0f req/s, fluxrp PUT %.0f"
            + " req/s",
        store, Bench.connections(), collections.size(), rawRate, fluxrpRate);
    Bench.line(
        "RATIO %s PUT throughput fluxrp/raw = %.2f (goal >= 0.50)", store, fluxrpRate / rawRate);

    LoadGenerator.Result rawOpen =
        generator(server.barePort, rawPrefix, "o", server.token, bytes, false)
            .openLoop(rate, Bench.phase(), 64);
    LoadGenerator.Result fluxrpOpen =
        generator(server.fluxrpPort, collections, "o", server.token, bytes, true)
            .openLoop(rate, Bench.phase(), 64);
    Bench.line("%s open loop %d/s raw:    %s", store, rate, rawOpen.summary());
    Bench.line("%s open loop %d/s fluxrp: %s", store, rate, fluxrpOpen.summary());
    Bench.line(
        "RATIO %s PUT p99 fluxrp/raw = %.2f; fluxrp p99 %.2f ms (goal < 20 ms at 500 req/s)",
        store,
        fluxrpOpen.percentileMillis(99) / rawOpen.percentileMillis(99),
        fluxrpOpen.percentileMillis(99));
  }

  /**
   * The collections the PUTs go to, in turn: the PUT cluster's, and with {@code
   * -Dbench.putClusters=n} (default 1) those of n - 1 more agent clusters registered here. Every
   * write locks its cluster's row from taking its feed position until it commits, so those parts of
   * the writes to one cluster never overlap.
   */
  private static List<String> putCollections(ServerChild server) throws Exception {
    int clusters = Integer.getInteger("bench.putClusters", 1);
    Fixtures fixtures =
        new Fixtures(URI.create("http://127.0.0.1:" + server.fluxrpPort), server.token);
    List<String> collections = new ArrayList<>();
    collections.add(Fixtures.PUT_CLUSTER + Fixtures.COLLECTION + "/");
    for (int k = 1; k < clusters; k++) {
      String cluster = Fixtures.PUT_CLUSTER + "-" + k;
      fixtures.registerAgentCluster(cluster);
      collections.add(cluster + Fixtures.COLLECTION + "/");
    }
    return collections;
  }

  /** PUTs of new names {@code prefix}{@code tag}-i, the prefixes taken in turn. */
  private static LoadGenerator generator(
      int port, List<String> prefixes, String tag, String token, byte[] body, boolean arm) {
    return new LoadGenerator(
        port,
        i ->
            Connection.request(
                "PUT",
                prefixes.get(i % prefixes.size()) + tag + "-" + i + (arm ? Fixtures.API : ""),
                token,
                body));
  }
}
