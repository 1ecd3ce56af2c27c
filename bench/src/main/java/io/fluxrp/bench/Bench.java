package io.fluxrp.bench;

import java.time.Duration;

/** Settings shared by the benchmark programs (system properties) and their report lines. */
final class Bench {
  private Bench() {}

  /** {@code -Dbench.seconds}: length of each measured phase (default 15). */
  static Duration phase() {
    return Duration.ofSeconds(Long.getLong("bench.seconds", 15));
  }

  /** {@code -Dbench.warmup}: length of each warm-up phase (default 10 s). */
  static Duration warmup() {
    return Duration.ofSeconds(Long.getLong("bench.warmup", 10));
  }

  static int connections() {
    return Integer.getInteger("bench.connections", 32);
  }

  static void header(String title) {
    System.out.printf(
        "%n== %s (JDK %s, %d cores, load average %s)%n",
        title, Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static void line(String format, Object... args) {
    System.out.printf(format + "%n", args);
    System.out.flush();
  }

  /** Closed-loop throughput: wrk when installed, else the Java generator. */
  static double throughput(
      int port, String path, String token, String luaScript, LoadGenerator java) throws Exception {
    if (Wrk.installed()) {
      return Wrk.run("http://127.0.0.1:" + port + path, token, luaScript, phase(), connections());
    }
    return java.closedLoop(phase(), connections()).perSecond();
  }
}
