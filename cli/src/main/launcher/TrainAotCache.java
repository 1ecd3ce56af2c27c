import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step of the cli module (run by {@code java TrainAotCache.java <launcher>} in {@code
 * package}): writes the launcher's AOT cache {@code <launcher>-<java.runtime.version>.aot},
 * read-only at run time, which the launcher passes to the JVM of exactly that version (JDK 25+).
 *
 * <p>A failed training run leaves no cache and a warning, not a failed build. The cache comes from
 * a training run of the launcher with this JDK: {@code serve} on a fresh data directory, the
 * requests of a first use (health, a PUT, GETs), then SIGTERM; the JVM writes the cache as it
 * exits. It is written under a temporary name and renamed, so that a launcher started meanwhile
 * never maps a partial file. The JVM's notes about classes it leaves out (picocli's pre-Java-6
 * class files, generated proxies) go to {@code aot-training/serve.log}.
 */
public final class TrainAotCache {
  private static final Pattern LISTENING = Pattern.compile("fluxrp listening on (http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("^token: (\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(10);
  private static final String CONFIGURATION =
      "/subscriptions/training/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters"
          + "/cluster/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/training";
  private static final String API_VERSION = "?api-version=2025-04-01";
  private static final String BODY =
      """
      {"properties": {"scope": "cluster", "namespace": "flux-system", "sourceKind": "GitRepository",
        "gitRepository": {"url": "https://github.com/Azure/arc-k8s-demo",
          "repositoryRef": {"branch": "main"}},
        "kustomizations": {"infra": {"path": "./infrastructure"}}}}
      """;

  private TrainAotCache() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]).toAbsolutePath();
    Path dir = launcher.getParent();
    deleteOldCaches(dir, launcher.getFileName().toString());
    int feature = Runtime.version().feature();
    if (feature < 25) {
      System.out.println(
          "no AOT cache for the launcher: JDK " + feature + " cannot write one (25+)");
      return;
    }
    Path cache =
        dir.resolve(
            launcher.getFileName() + "-" + System.getProperty("java.runtime.version") + ".aot");
    Path partial = dir.resolve(cache.getFileName().toString().replace(".aot", ".partial.aot"));
    Path training = dir.resolve("aot-training");
    deleteTree(training);
    Files.createDirectories(training);
    Files.deleteIfExists(partial);

    long started = System.nanoTime();
    try {
      train(launcher, partial, training);
      if (!Files.isRegularFile(partial)) {
        throw new IllegalStateException(
            "the training run wrote no AOT cache; see " + training.resolve("serve.log"));
      }
    } catch (Exception e) {
      // the launcher works without a cache, only slower to start (LauncherAotCacheIT fails)
      System.err.println("WARNING: no AOT cache for the launcher, serve starts without it: " + e);
      Files.deleteIfExists(partial);
      return;
    }
    Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(
        "AOT cache %s (%d MB) in %.1f s%n",
        cache.getFileName(), Files.size(cache) >> 20, (System.nanoTime() - started) / 1e9);
  }

  private static void train(Path launcher, Path cache, Path training) throws Exception {
    Path log = training.resolve("serve.log");
    Path out = training.resolve("serve.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher.toString(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                training.resolve("data").toString())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile());
    // the builder's own FLUXRP_* settings (a database URL, owners...) must not reach the training
    builder.environment().keySet().removeIf(name -> name.startsWith("FLUXRP_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("FLUXRP_JAVA_OPTS", "-XX:AOTCacheOutput=" + cache);
    Process serve = builder.start();
    try {
      URI base = URI.create(await(serve, log, LISTENING));
      firstUse(base, await(serve, out, TOKEN));
      serve.destroy(); // SIGTERM: serve stops and exits 0, and the JVM writes the cache
      if (!serve.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || serve.exitValue() != 0) {
        throw new IllegalStateException("the training run did not exit cleanly; see " + log);
      }
    } finally {
      serve.destroyForcibly();
    }
  }

  /** What a first user does: asks for health, creates a configuration, reads it and the list. */
  private static void firstUse(URI base, String token) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      send(http, HttpRequest.newBuilder(base.resolve("/healthz")).GET(), 200);
      String url = base + CONFIGURATION + API_VERSION;
      send(
          http,
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(BODY)),
          201);
      send(
          http,
          HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET(),
          200);
      String list = base + CONFIGURATION.substring(0, CONFIGURATION.lastIndexOf('/')) + API_VERSION;
      send(
          http,
          HttpRequest.newBuilder(URI.create(list)).header("Authorization", "Bearer " + token).GET(),
          200);
    }
  }

  private static void send(HttpClient http, HttpRequest.Builder request, int expected)
      throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "training request "
              + response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** The first group of {@code pattern} in a line of {@code file}, which serve is writing. */
  private static String await(Process serve, Path file, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && serve.isAlive()) {
      for (String line : Files.readAllLines(file)) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "serve printed no line like " + pattern + "; see " + file.resolveSibling("serve.log"));
  }

  /** Caches of earlier builds (any JDK): they belong to a jar that no longer exists. */
  private static void deleteOldCaches(Path dir, String launcherName) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, launcherName + "-*.aot*")) {
      for (Path file : old) {
        Files.delete(file);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
