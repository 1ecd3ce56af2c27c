package io.fluxrp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cli/target/fluxrp agent} as a process of its own (the launcher execs the JVM, so the pid
 * is the agent's), with JVM options from env {@code BENCH_AGENT_OPTS} (as {@code
 * FLUXRP_JAVA_OPTS}); its log is appended to {@code bench/target/agent-process.log}.
 */
final class AgentProcess implements AutoCloseable {
  /** Resident memory now (VmRSS) and at its peak (VmHWM), in MB. */
  record Memory(double rssMb, double peakMb) {}

  private final Process process;

  private AgentProcess(Process process) {
    this.process = process;
  }

  static AgentProcess start(AgentCluster cluster, Path kubeconfig) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "cli/target/fluxrp",
                    "agent",
                    "--server",
                    cluster.server.baseUri().toString(),
                    "--cluster",
                    AgentCluster.CLUSTER_ID,
                    "--token-file",
                    cluster.tokenFile.toString(),
                    "--kubeconfig",
                    kubeconfig.toString(),
                    "--health-port",
                    "-1"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(
                ProcessBuilder.Redirect.appendTo(
                    Path.of("bench/target/agent-process.log").toFile()));
    String options = System.getenv().getOrDefault("BENCH_AGENT_OPTS", "").trim();
    if (!options.isEmpty()) {
      builder.environment().put("FLUXRP_JAVA_OPTS", options);
    }
    return new AgentProcess(builder.start());
  }

  /**
   * A kubeconfig for the API server at {@code url} (plain HTTP) with a bearer token, which the test
   * API server ignores. A token is needed all the same: without one, fabric8 7.9 reads and parses
   * the kubeconfig again before every request once the first minute has passed (its token refresh
   * only counts as done when it finds a token), which cost the agent 18% of its CPU in a profile.
   */
  static Path kubeconfig(String url, Path dir) throws IOException {
    String server = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: bench
            cluster:
              server: %s
        users:
          - name: bench
            user:
              token: bench
        contexts:
          - name: bench
            context:
              cluster: bench
              user: bench
        current-context: bench
        """
            .formatted(server));
    return file;
  }

  boolean alive() {
    return process.isAlive();
  }

  Memory memory() throws IOException {
    double rss = 0;
    double peak = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      } else if (line.startsWith("VmHWM:")) {
        peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return new Memory(rss, peak);
  }

  /**
   * The agent's live heap in MB: {@code jcmd GC.run} (a full collection), then the heap's use as
   * {@code jcmd GC.heap_info} reports it.
   */
  double liveHeapMb() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap use in jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(ServerChild.javaBinary()).resolveSibling("jcmd");
    Process run =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (run.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  /** CPU time (user and system) the agent has used so far. */
  Duration cpu() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** SIGTERM (the agent stops gracefully), then SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
