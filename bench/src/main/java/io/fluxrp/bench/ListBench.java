package io.fluxrp.bench;

import java.util.Arrays;

/**
 * LIST of one page of 100 on a cluster holding 1k, 100k and 1M configurations (seeded straight into
 * the store, {@code -Dbench.sizes} to change), open loop at {@code -Dbench.listRate} (default
 * 200/s). Goal: p99 under 20 ms at every size, flat (the ratio to the 1k p99 near 1).
 */
public final class ListBench {
  private ListBench() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.getInteger("bench.listRate", 200);
    int[] sizes =
        Arrays.stream(System.getProperty("bench.sizes", "1000,100000,1000000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Bench.header("LIST one page of 100");
    try (ServerChild server = ServerChild.start()) {
      byte[] list =
          Connection.request(
              "GET",
              Fixtures.LIST_CLUSTER + Fixtures.COLLECTION + Fixtures.API + "&$top=100",
              server.token,
              null);
      LoadGenerator generator = new LoadGenerator(server.fluxrpPort, i -> list);
      double firstP99 = Double.NaN;
      for (int size : sizes) {
        Bench.line("%s", server.command("seed " + size));
        generator.closedLoop(Bench.warmup(), 4);
        LoadGenerator.Result open = generator.openLoop(rate, Bench.phase(), 32);
        double closed = generator.closedLoop(Bench.phase(), 4).perSecond();
        if (Double.isNaN(firstP99)) {
          firstP99 = open.percentileMillis(99);
        }
        Bench.line(
            "%,d stored, open loop %d/s: %s; closed loop (4 connections) %.0f req/s",
            size, rate, open.summary(), closed);
        Bench.line(
            "RATIO LIST p99 at %,d / at %,d = %.2f (goal: p99 < 20 ms, flat)",
            size, sizes[0], open.percentileMillis(99) / firstP99);
      }
    }
  }
}
