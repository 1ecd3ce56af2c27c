package io.fluxrp.cli.process;

import io.fluxrp.server.store.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cli/target/fluxrp serve} as a real process (the built launcher, as a user runs it):
 * started on a free port, its URL taken from the log line it prints, stopped with SIGTERM or killed
 * with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("fluxrp listening on (http://\\S+)");

  private final Process process;
  private final List<String> stderr = new ArrayList<>();
  private final StringBuilder stdout = new StringBuilder();
  private final URI base;

  private ServerProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  static Path launcher() {
    return Path.of(System.getProperty("fluxrp.launcher", "target/fluxrp"));
  }

  static Path repository() {
    return Path.of(System.getProperty("fluxrp.repository", ".."));
  }

  /** Starts {@code fluxrp serve --port 0 --data-dir <dataDir>} and waits for its URL. */
  static ServerProcess start(Path dataDir, Map<String, String> environment) {
    return start(launcher(), dataDir, environment);
  }

  /** {@link #start(Path, Map)} with another copy of the launcher. */
  static ServerProcess start(Path launcher, Path dataDir, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder(
            launcher.toString(), "serve", "--port", "0", "--data-dir", dataDir.toString());
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      CompletableFuture<URI> url = new CompletableFuture<>();
      List<String> lines = new ArrayList<>();
      Thread.ofPlatform().daemon().start(() -> readStderr(process, url, lines));
      URI base = url.get(60, TimeUnit.SECONDS);
      ServerProcess server = new ServerProcess(process, base);
      synchronized (lines) {
        server.stderr.addAll(lines);
      }
      Thread.ofPlatform().daemon().start(() -> server.readStdout());
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("fluxrp serve did not start", e);
    }
  }

  /**
   * The FLUXRP_DATABASE_* variables that point {@code fluxrp serve} at the PostgreSQL database of
   * {@code store} (its pool size included), with a password file written into {@code dir}.
   */
  static Map<String, String> databaseEnvironment(StoreSettings store, Path dir) throws IOException {
    Path password = Files.writeString(dir.resolve("db.password"), "unused-with-trust-auth\n");
    return Map.of(
        "FLUXRP_DATABASE_URL", store.jdbcUrl(),
        "FLUXRP_DATABASE_USER", store.username(),
        "FLUXRP_DATABASE_PASSWORD_FILE", password.toString(),
        "FLUXRP_DATABASE_POOL_SIZE", Integer.toString(store.maxPoolSize()));
  }

  private static void readStderr(Process process, CompletableFuture<URI> url, List<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          url.complete(URI.create(m.group(1)));
        }
      }
      url.completeExceptionally(new IllegalStateException("serve exited: " + lines));
    } catch (IOException e) {
      url.completeExceptionally(e);
    }
  }

  private void readStdout() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (stdout) {
          stdout.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  URI base() {
    return base;
  }

  List<String> stderrAtStart() {
    return stderr;
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM and the exit code. */
  int stop() {
    process.destroy();
    return waitFor();
  }

  private int waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("fluxrp did not stop within 30 s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor();
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(30);
  }

  static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
