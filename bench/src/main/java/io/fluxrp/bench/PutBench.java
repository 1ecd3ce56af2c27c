package io.fluxrp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * PUT create through the whole path (authentication, validation, store, operation) on an agent
 * cluster (no agent runs, so nothing works on the operations while they are measured) against a
 * bare endpoint of the same JVM doing one raw JDBC upsert of the same document into the same H2
 * store. Closed-loop throughput (wrk, a new name per request) and open-loop latency at {@code
 * -Dbench.putRate} (default 500/s). Goal: at least 50% of the raw ceiling; p99 under 20 ms at 500
 * req/s.
 */
public final class PutBench {
  private PutBench() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.getInteger("bench.putRate", 500);
    String body = Files.readString(Fixtures.EXAMPLE).replaceAll("\\s+", " ");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String collection = Fixtures.PUT_CLUSTER + Fixtures.COLLECTION + "/";
    Bench.header("PUT create vs raw JDBC upsert (H2)");
    try (ServerChild server = ServerChild.start()) {
      LoadGenerator fluxrp =
          generator(server.fluxrpPort, collection, "j", server.token, bytes, true);
      LoadGenerator raw = generator(server.barePort, "/raw/", "j", server.token, bytes, false);
      fluxrp.closedLoop(Bench.warmup(), Bench.connections());
      raw.closedLoop(Bench.warmup(), Bench.connections());

      double rawRate =
          Bench.throughput(
              server.barePort,
              "/raw/",
              server.token,
              Wrk.putScript("/raw/w", server.token, body),
              raw);
      double fluxrpRate =
          Bench.throughput(
              server.fluxrpPort,
              collection,
              server.token,
              Wrk.putScript(collection + "w", server.token, body),
              fluxrp);
      Bench.line(
          "closed loop, %d connections: raw upsert %.0f req/s, fluxrp PUT %.0f req/s",
          Bench.connections(), rawRate, fluxrpRate);
      Bench.line("RATIO PUT throughput fluxrp/raw = %.2f (goal >= 0.50)", fluxrpRate / rawRate);

      LoadGenerator.Result rawOpen =
          generator(server.barePort, "/raw/", "o", server.token, bytes, false)
              .openLoop(rate, Bench.phase(), 64);
      LoadGenerator.Result fluxrpOpen =
          generator(server.fluxrpPort, collection, "o", server.token, bytes, true)
              .openLoop(rate, Bench.phase(), 64);
      Bench.line("open loop %d/s raw:    %s", rate, rawOpen.summary());
      Bench.line("open loop %d/s fluxrp: %s", rate, fluxrpOpen.summary());
      Bench.line(
          "RATIO PUT p99 fluxrp/raw = %.2f; fluxrp p99 %.2f ms (goal < 20 ms at 500 req/s)",
          fluxrpOpen.percentileMillis(99) / rawOpen.percentileMillis(99),
          fluxrpOpen.percentileMillis(99));
    }
  }

  /** PUTs of new names {@code prefix}{@code tag}-i. */
  private static LoadGenerator generator(
      int port, String prefix, String tag, String token, byte[] body, boolean arm) {
    return new LoadGenerator(
        port,
        i ->
            Connection.request(
                "PUT", prefix + tag + "-" + i + (arm ? Fixtures.API : ""), token, body));
  }
}
