package io.fluxrp.bench;

import io.fluxrp.agent.AgentSettings;
import io.fluxrp.model.agentapi.DesiredEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cluster from empty to all its configurations applied, for each size of {@code
 * -Dbench.configs} (default 1000,2000; a fresh server and test API server each). The configurations
 * (a GitRepository and two Kustomizations each, in {@code -Dbench.namespaces} namespaces, default
 * 10) are created through the ARM API first with {@code -Dbench.createThreads} client threads
 * (default 8), no agent running. Then the ceiling of {@link ApplyCeiling} ({@code
 * -Dbench.ceilingThreads}, default 4: the agent's workers; {@code -Dbench.ceiling=false} skips it),
 * then {@code cli/target/fluxrp agent} is started as a process of its own against the test API
 * server (in this JVM with the fluxrp server and, with {@code -Dbench.fakeFlux=true}, fake Flux;
 * request log off) until LIST shows every configuration Succeeded, or {@code -Dbench.limit} seconds
 * (default 300) have passed; then the ceiling once more. Measured: time to all Succeeded (goal for
 * 10,000: < 60 s), the agent's RSS and peak RSS (goal < 512 MB) and CPU time, the requests/s the
 * test API server answered the agent against the ceiling's.
 */
public final class AgentScaleBench {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PROGRESS = Duration.ofSeconds(10);

  private AgentScaleBench() {}

  /** Seconds from the agent's start to the first, 10%, 90% and all Succeeded; -1: not reached. */
  private record Timeline(double first, double tenth, double ninetieth, double all, int reached) {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        Arrays.stream(System.getProperty("bench.configs", "1000,2000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();
    Bench.logTo("bench/target/agent-bench.log");
    Bench.header("agent: configurations on one cluster, empty to all applied");
    Bench.line(
        "fake Flux %s; agent JVM options: %s",
        fakeFlux() ? "on" : "off",
        System.getenv().getOrDefault("BENCH_AGENT_OPTS", "").isBlank()
            ? "none (the launcher's defaults)"
            : System.getenv("BENCH_AGENT_OPTS"));
    List<SizeResult> results = new ArrayList<>();
    for (int size : sizes) {
      results.add(run(size));
    }
    results.forEach(result -> Bench.line(result.line()));
    for (int i = 1; i < results.size(); i++) {
      SizeResult smaller = results.get(i - 1);
      SizeResult larger = results.get(i);
      Bench.line(
          "live heap growth from %d to %d configurations: %.1f KB per configuration",
          smaller.configurations(),
          larger.configurations(),
          (larger.liveHeapMb() - smaller.liveHeapMb())
              * 1024
              / (larger.configurations() - smaller.configurations()));
    }
    System.exit(0); // informer and HTTP client threads must not keep the JVM alive
  }

  private static boolean fakeFlux() {
    return Boolean.getBoolean("bench.fakeFlux");
  }

  /** What one size gave: its RESULT line and the agent's live heap at the end. */
  private record SizeResult(int configurations, String line, double liveHeapMb) {}

  private static SizeResult run(int configurations) throws Exception {
    int namespaces = Integer.getInteger("bench.namespaces", 10);
    int createThreads = Integer.getInteger("bench.createThreads", 8);
    int ceilingThreads = Integer.getInteger("bench.ceilingThreads", AgentSettings.DEFAULT_WORKERS);
    boolean ceilingToo = Boolean.parseBoolean(System.getProperty("bench.ceiling", "true"));
    Duration limit = Duration.ofSeconds(Long.getLong("bench.limit", 300));
    Bench.line("-- %d configurations (load average %s)", configurations, Bench.loadAverage());
    try (AgentCluster cluster = AgentCluster.start(fakeFlux())) {
      cluster.kube.recordRequests(false);
      Duration created = create(cluster.arm, configurations, namespaces, createThreads);
      Bench.line(
          "created %d configurations in %d namespaces through the ARM API, %d client threads:"
              + " %.1f s (%.0f PUT/s)",
          configurations,
          namespaces,
          createThreads,
          seconds(created),
          configurations / seconds(created));
      List<DesiredEntry> entries = ApplyCeiling.desiredEntries(cluster);
      List<ApplyCeiling.Result> ceilings = new ArrayList<>();
      if (ceilingToo) {
        ceilings.add(ceiling(cluster, entries, ceilingThreads));
      }

      RequestCounter requests = RequestCounter.observe(cluster.kube);
      Path kubeconfig = AgentProcess.kubeconfig(cluster.kube.url(), cluster.dataDir);
      Duration benchCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
      long started = System.nanoTime();
      Timeline timeline;
      AgentProcess.Memory memory;
      double[] peakRss = {0};
      Duration agentCpu;
      long agentRequests;
      double liveHeap;
      try (AgentProcess agent = AgentProcess.start(cluster, kubeconfig)) {
        timeline = follow(agent, new Census(cluster.arm), configurations, limit, started, peakRss);
        agentRequests = requests.count();
        memory = agent.memory();
        agentCpu = agent.cpu();
        liveHeap = agent.liveHeapMb();
      }
      Duration benchCpu =
          ProcessHandle.current().info().totalCpuDuration().orElseThrow().minus(benchCpuBefore);
      if (ceilingToo) {
        ceilings.add(ceiling(cluster, entries, ceilingThreads));
      }

      double all = timeline.all() >= 0 ? timeline.all() : Double.NaN;
      Bench.line(
          "agent started → Succeeded: first %.1f s, 10%% %.1f s, 90%% %.1f s, all %.1f s",
          timeline.first(), timeline.tenth(), timeline.ninetieth(), all);
      double active = (timeline.all() >= 0 ? timeline.all() : limit.toSeconds()) - timeline.first();
      Bench.line(
          "agent requests to the test API server (watches not counted): %d, %.0f/s from the first"
              + " Succeeded on",
          agentRequests, agentRequests / Math.max(active, 1e-3));
      Bench.line(
          "CPU while the agent ran: agent %.1f s (%.1f ms per configuration), this JVM (server,"
              + " test API server%s) %.1f s",
          seconds(agentCpu),
          seconds(agentCpu) * 1000 / configurations,
          fakeFlux() ? ", fake Flux" : "",
          seconds(benchCpu));
      Bench.line(
          "agent memory: RSS %.0f MB, peak %.0f MB; live heap after a full GC %.1f MB (%.1f KB per"
              + " configuration)",
          memory.rssMb(),
          Math.max(peakRss[0], memory.peakMb()),
          liveHeap,
          liveHeap * 1024 / configurations);
      double ceilingSeconds =
          ceilings.stream().mapToDouble(c -> seconds(c.elapsed())).average().orElse(Double.NaN);
      String line =
          String.format(
              "RESULT %d configurations: empty → all Succeeded %.1f s (%d reached; goal for 10,000 <"
                  + " 60 s); ceiling %.1f s (mean of %d), ceiling/agent time %.2f; agent RSS at the end"
                  + " %.0f MB, peak %.0f MB (goal < 512 MB)",
              configurations,
              all,
              timeline.reached(),
              ceilingSeconds,
              ceilings.size(),
              ceilingSeconds / all,
              memory.rssMb(),
              Math.max(peakRss[0], memory.peakMb()));
      return new SizeResult(configurations, line, liveHeap);
    }
  }

  private static ApplyCeiling.Result ceiling(
      AgentCluster cluster, List<DesiredEntry> entries, int threads) throws Exception {
    ApplyCeiling.Result ceiling = ApplyCeiling.measure(cluster, entries, threads, cluster.dataDir);
    Bench.line(
        "ceiling: the agent's writes for %d configurations (%d requests) by a bare loop of %d"
            + " threads into a fresh test API server: %.1f s (%.0f configurations/s, %.0f"
            + " requests/s)",
        ceiling.configurations(),
        ceiling.requests(),
        threads,
        seconds(ceiling.elapsed()),
        ceiling.configurationsPerSecond(),
        ceiling.requestsPerSecond());
    return ceiling;
  }

  private static Timeline follow(
      AgentProcess agent,
      Census census,
      int configurations,
      Duration limit,
      long started,
      double[] peakRss)
      throws Exception {
    double first = -1;
    double tenth = -1;
    double ninetieth = -1;
    long lastProgress = started;
    while (true) {
      Census.Counts counts = census.count();
      long now = System.nanoTime();
      double at = (now - started) / 1e9;
      AgentProcess.Memory memory = agent.memory();
      peakRss[0] = Math.max(peakRss[0], memory.peakMb());
      if (first < 0 && counts.succeeded() > 0) {
        first = at;
      }
      if (tenth < 0 && counts.succeeded() >= configurations / 10) {
        tenth = at;
      }
      if (ninetieth < 0 && counts.succeeded() >= configurations * 9 / 10) {
        ninetieth = at;
      }
      if (counts.succeeded() == configurations) {
        return new Timeline(first, tenth, ninetieth, at, counts.succeeded());
      }
      if (now - lastProgress >= PROGRESS.toNanos()) {
        lastProgress = now;
        Bench.line(
            "  %5.1f s: %d Succeeded; agent RSS %.0f MB, CPU %.1f s",
            at, counts.succeeded(), memory.rssMb(), seconds(agent.cpu()));
      }
      if (now - started > limit.toNanos() || !agent.alive()) {
        Bench.line(
            "  stopped after %.1f s (%s): %d of %d Succeeded",
            at,
            agent.alive() ? "time limit" : "the agent exited",
            counts.succeeded(),
            configurations);
        return new Timeline(first, tenth, ninetieth, -1, counts.succeeded());
      }
      Thread.sleep(POLL);
    }
  }

  /** PUTs configurations scale-00000… from {@code threads} threads; how long it took. */
  private static Duration create(ArmHttp arm, int count, int namespaces, int threads)
      throws InterruptedException {
    return Spread.run(
        "fluxrp-bench-create",
        threads,
        count,
        i ->
            arm.put(
                    AgentCluster.config(String.format("scale-%05d", i)),
                    AgentCluster.gitConfiguration(String.format("scale-ns-%03d", i % namespaces)))
                .expect(201));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
