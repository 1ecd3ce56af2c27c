package io.fluxrp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start of {@code cli/target/fluxrp serve} (a new process on a fresh data directory) to its first
 * answered {@code /healthz}, and its resident memory (VmRSS) after {@code -Dbench.idle} seconds
 * (default 5) of idling; the same for a bare Helidon server process on the same JDK. Medians of
 * {@code -Dbench.starts} runs (default 5). Goal: under 2 s; under 300 MB. {@code
 * -Dbench.launchers=a,b} compares several launchers (default {@code cli/target/fluxrp}), started in
 * turn in every run.
 */
public final class StartupBench {
  private StartupBench() {}

  /** Milliseconds to the first answer and idle RSS in MB of one process. */
  private record Start(double millis, double rssMb) {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.starts", 5);
    List<String> launchers =
        List.of(System.getProperty("bench.launchers", "cli/target/fluxrp").split(","));
    Bench.header("server start to first answered request; idle RSS");
    Map<String, List<Start>> fluxrp = new LinkedHashMap<>();
    List<Start> bare = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      for (String launcher : launchers) { // in turn: a change of the machine's load hits all alike
        fluxrp.computeIfAbsent(launcher, l -> new ArrayList<>()).add(measureServe(launcher));
      }
      int barePort = freePort();
      bare.add(
          measure(
              List.of(
                  ServerChild.javaBinary(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  BareMain.class.getName(),
                  "" + barePort),
              barePort));
    }
    double bareMs = median(bare.stream().mapToDouble(Start::millis).toArray());
    double bareRss = median(bare.stream().mapToDouble(Start::rssMb).toArray());
    Bench.line("runs: bare %s", bare);
    Bench.line(
        "bare Helidon (median of %d): start %.0f ms, idle RSS %.0f MB", runs, bareMs, bareRss);
    for (var entry : fluxrp.entrySet()) {
      List<Start> starts = entry.getValue();
      double fluxrpMs = median(starts.stream().mapToDouble(Start::millis).toArray());
      double fluxrpRss = median(starts.stream().mapToDouble(Start::rssMb).toArray());
      Bench.line("runs: %s %s", entry.getKey(), starts);
      Bench.line(
          "%s (median of %d): start to first answer %.0f ms, idle RSS %.0f MB",
          entry.getKey(), runs, fluxrpMs, fluxrpRss);
      Bench.line(
          "RATIO start fluxrp/bare = %.2f (goal < 2 s); RATIO RSS fluxrp/bare = %.2f"
              + " (goal < 300 MB)",
          fluxrpMs / bareMs, fluxrpRss / bareRss);
    }
  }

  /** {@code <launcher> serve} on a fresh data directory, deleted afterwards. */
  private static Start measureServe(String launcher) throws Exception {
    Path dataDir = Files.createTempDirectory("fluxrp-start");
    try {
      int port = freePort();
      return measure(
          List.of(launcher, "serve", "--port", "" + port, "--data-dir", dataDir.toString()), port);
    } finally {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Start measure(List<String> command, int port) throws Exception {
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      byte[] health = Connection.request("GET", "/healthz", null, null);
      while (true) {
        try (Connection connection = new Connection(port)) {
          if (connection.exchange(health) == 200) {
            break;
          }
        } catch (IOException e) {
          if (!process.isAlive()) {
            throw new IllegalStateException("exited: " + command);
          }
          Thread.sleep(2);
        }
      }
      double millis = (System.nanoTime() - started) / 1e6;
      Thread.sleep(Long.getLong("bench.idle", 5) * 1000);
      return new Start(millis, rssMb(process.pid()));
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** VmRSS of the process (the launcher execs java, so the pid is the JVM's). */
  private static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
