package io.fluxrp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link BenchServer} in its own JVM (the same java and class path as this one, plus the options in
 * env {@code BENCH_SERVER_OPTS}, e.g. a JFR recording), so the load generator does not share a heap
 * or JIT with the measured server. Its log goes to {@code bench-server.log} in the working
 * directory.
 */
final class ServerChild implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("READY fluxrp=(\\d+) bare=(\\d+) token=(\\S+) bytes=(\\d+)");

  private final Process process;
  private final Path dataDir;
  private final BufferedReader out;
  private final PrintWriter in;
  final int fluxrpPort;
  final int barePort;
  final String token;
  final int payloadBytes;

  private ServerChild(Process process, Path dataDir) throws IOException {
    this.process = process;
    this.dataDir = dataDir;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String line = out.readLine();
    while (line != null && !line.startsWith("READY")) { // e.g. JFR's own lines
      line = out.readLine();
    }
    Matcher ready = line == null ? null : READY.matcher(line);
    if (ready == null || !ready.find()) {
      throw new IllegalStateException(
          "the bench server did not start (see bench-server.log): " + line);
    }
    fluxrpPort = Integer.parseInt(ready.group(1));
    barePort = Integer.parseInt(ready.group(2));
    token = ready.group(3);
    payloadBytes = Integer.parseInt(ready.group(4));
  }

  /** On the embedded H2 store. */
  static ServerChild start() throws IOException {
    return start(List.of());
  }

  /** With {@code storeArguments} after the data directory (see {@link BenchServer}). */
  static ServerChild start(List<String> storeArguments) throws IOException {
    Path dataDir = Files.createTempDirectory("fluxrp-bench");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    String options = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "").trim();
    if (!options.isEmpty()) {
      command.addAll(Arrays.asList(options.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BenchServer.class.getName(),
            dataDir.toString()));
    command.addAll(storeArguments);
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("bench-server.log").toFile()))
            .start();
    return new ServerChild(process, dataDir);
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Sends a command line to the server and returns its one-line answer. */
  String command(String line) throws IOException {
    in.println(line);
    return out.readLine();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    in.println("quit");
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
