package io.fluxrp.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

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
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Sends stderr, where the logging of a server or agent in this JVM goes (access log included), to
   * {@code file} (appended), so the report on stdout stays readable; an uncaught failure still
   * reaches the console.
   */
  static void logTo(String file) throws IOException {
    PrintStream console = System.err;
    System.setErr(new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8));
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          console.println("uncaught in " + thread.getName() + ":");
          failure.printStackTrace(console);
        });
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    // the test API server logs every request it answers, on its one event-loop thread
    ((Logger) LoggerFactory.getLogger("io.fabric8.mockwebserver")).setLevel(Level.WARN);
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
