package io.fluxrp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start of {@code cli/target/fluxrp serve} (a new process on a fresh data directory) to its first
 * answered {@code /healthz}, and its resident memory (VmRSS) after {@code -Dbench.idle} seconds
 * (default 5) of idling; the same for a bare Helidon server process on the same JDK. Medians of
 * {@code -Dbench.starts} runs (default 5). Goal: under 2 s; under 300 MB.
 */
public final class StartupBench {
  private StartupBench() {}

  /** Milliseconds to the first answer and idle RSS in MB of one process. */
  private record Start(double millis, double rssMb) {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.starts", 5);
    Bench.header("server start to first answered request; idle RSS");
    List<Start> fluxrp = new ArrayList<>();
    List<Start> bare = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path dataDir = Files.createTempDirectory("fluxrp-start");
      int port = freePort();
      fluxrp.add(
          measure(
              List.of(
                  "cli/target/fluxrp",
                  "serve",
                  "--port",
                  "" + port,
                  "--data-dir",
                  dataDir.toString()),
              port));
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
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    double fluxrpMs = median(fluxrp.stream().mapToDouble(Start::millis).toArray());
    double bareMs = median(bare.stream().mapToDouble(Start::millis).toArray());
    double fluxrpRss = median(fluxrp.stream().mapToDouble(Start::rssMb).toArray());
    double bareRss = median(bare.stream().mapToDouble(Start::rssMb).toArray());
    Bench.line("runs: fluxrp %s; bare %s", fluxrp, bare);
    Bench.line(
        "start to first answer (median of %d): fluxrp %.0f ms, bare Helidon %.0f ms",
        runs, fluxrpMs, bareMs);
    Bench.line("idle RSS (median): fluxrp %.0f MB, bare Helidon %.0f MB", fluxrpRss, bareRss);
    Bench.line(
        "RATIO start fluxrp/bare = %.2f (goal < 2 s); RATIO RSS fluxrp/bare = %.2f (goal < 300 MB)",
        fluxrpMs / bareMs, fluxrpRss / bareRss);
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
