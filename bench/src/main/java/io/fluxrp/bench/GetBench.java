package io.fluxrp.bench;

/**
 * GET of one configuration (about 3 KB of JSON) against a bare Helidon endpoint answering the same
 * bytes from the same JVM: closed-loop throughput (wrk) and open-loop latency at a fixed rate
 * ({@code -Dbench.rate}, default 5000/s). Goal: at least 50% of the bare throughput; p99 under 5 ms
 * at 5k req/s.
 */
public final class GetBench {
  private GetBench() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.getInteger("bench.rate", 5_000);
    Bench.header("GET one configuration vs bare Helidon");
    try (ServerChild server = ServerChild.start()) {
      String path = Fixtures.GET_TARGET + Fixtures.API;
      byte[] get = Connection.request("GET", path, server.token, null);
      byte[] bare = Connection.request("GET", "/bare", server.token, null);
      LoadGenerator fluxrp = new LoadGenerator(server.fluxrpPort, i -> get);
      LoadGenerator ceiling = new LoadGenerator(server.barePort, i -> bare);
      Bench.line("response body: %d bytes on both", server.payloadBytes);
      fluxrp.closedLoop(Bench.warmup(), Bench.connections());
      ceiling.closedLoop(Bench.warmup(), Bench.connections());

      double bareRate = Bench.throughput(server.barePort, "/bare", server.token, null, ceiling);
      double fluxrpRate = Bench.throughput(server.fluxrpPort, path, server.token, null, fluxrp);
      Bench.line(
          "closed loop, %d connections: bare %.0f req/s, fluxrp %.0f req/s",
          Bench.connections(), bareRate, fluxrpRate);
      Bench.line("RATIO GET throughput fluxrp/bare = %.2f (goal >= 0.50)", fluxrpRate / bareRate);

      LoadGenerator.Result bareOpen = ceiling.openLoop(rate, Bench.phase(), 64);
      LoadGenerator.Result fluxrpOpen = fluxrp.openLoop(rate, Bench.phase(), 64);
      Bench.line("open loop %d/s bare:   %s", rate, bareOpen.summary());
      Bench.line("open loop %d/s fluxrp: %s", rate, fluxrpOpen.summary());
      Bench.line(
          "RATIO GET p99 fluxrp/bare = %.2f; fluxrp p99 %.2f ms (goal < 5 ms at 5k req/s)",
          fluxrpOpen.percentileMillis(99) / bareOpen.percentileMillis(99),
          fluxrpOpen.percentileMillis(99));
    }
  }
}
