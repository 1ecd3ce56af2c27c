package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AOT cache the build trains next to {@code cli/target/fluxrp}: {@code serve} starts from it on
 * the JDK that wrote it, and starts as well, silently, without it or with one that does not fit.
 */
class LauncherAotCacheIT {
  /** The cache of the JDK running the tests, the one the build ran on. */
  private static final String CACHE_SUFFIX =
      "-" + System.getProperty("java.runtime.version") + ".aot";

  private Path dir;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createTempDirectory("fluxrp-aot");
  }

  @AfterEach
  void deleteDir() {
    ServerProcess.deleteQuietly(dir);
  }

  @Test
  void serveStartsWithItsClassesFromTheCache() throws Exception {
    assumeThat(Runtime.version().feature())
        .as("JDK 25+ writes AOT caches")
        .isGreaterThanOrEqualTo(25);
    assertThat(builtCache()).as("the cache the build wrote").isRegularFile();

    List<String> stderr = serveAndCheckHealth(ServerProcess.launcher());

    assertThat(classSource("io.fluxrp.cli.Main")).isEqualTo("shared objects file");
    assertThat(classSource("io.fluxrp.server.FluxrpServer")).isEqualTo("shared objects file");
    assertThat(stderr).noneMatch(LauncherAotCacheIT::jvmMessage);
  }

  @Test
  void otherCommandsRunWithoutTheCache() throws Exception {
    assumeThat(builtCache()).as("the cache the build wrote").isRegularFile();
    ProcessBuilder builder =
        new ProcessBuilder(ServerProcess.launcher().toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("version.out").toFile());
    builder.environment().put("FLUXRP_JAVA_OPTS", classLogOption());
    Process version = builder.start();
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(version.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("version.out"))).startsWith("fluxrp ");
    assertThat(classSource("io.fluxrp.cli.Main")).startsWith("file:");
  }

  @Test
  void aCopiedLauncherStartsWithoutTheCacheOfTheOriginalAndSaysNothingAboutIt() throws Exception {
    assumeThat(builtCache()).as("the cache the build wrote").isRegularFile();
    // a copy has a new modification time: the JVM finds that the cache belongs to another jar
    Path launcher = Files.copy(ServerProcess.launcher(), dir.resolve("fluxrp"));
    Files.copy(builtCache(), dir.resolve("fluxrp" + CACHE_SUFFIX));

    List<String> stderr = serveAndCheckHealth(launcher);

    assertThat(classSource("io.fluxrp.cli.Main")).startsWith("file:");
    assertThat(stderr).noneMatch(LauncherAotCacheIT::jvmMessage);
  }

  @Test
  void aLauncherWithoutACacheOrWithBrokenOnesStartsAndSaysNothingAboutThem() throws Exception {
    Path launcher = Files.copy(ServerProcess.launcher(), dir.resolve("fluxrp"));
    Files.writeString(dir.resolve("fluxrp" + CACHE_SUFFIX), "not an AOT cache");
    Files.writeString(dir.resolve("fluxrp-21.0.1+12-LTS.aot"), "another JDK's cache");

    List<String> stderr = serveAndCheckHealth(launcher);

    assertThat(classSource("io.fluxrp.cli.Main")).startsWith("file:");
    assertThat(stderr).noneMatch(LauncherAotCacheIT::jvmMessage);
  }

  private static Path builtCache() {
    Path launcher = ServerProcess.launcher();
    return launcher.resolveSibling(launcher.getFileName() + CACHE_SUFFIX);
  }

  /**
   * Starts {@code serve} with {@code launcher}, its class loading logged to a file, checks that it
   * answers {@code /healthz} and stops it; what it wrote on stderr until it listened.
   */
  private List<String> serveAndCheckHealth(Path launcher) throws Exception {
    Map<String, String> env = Map.of("FLUXRP_JAVA_OPTS", classLogOption());
    try (ServerProcess server = ServerProcess.start(launcher, dir.resolve("data"), env);
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(server.base().resolve("/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(server.stop()).isZero();
      return server.stderrAtStart();
    }
  }

  private String classLogOption() {
    return "-Xlog:class+load=info:file=" + dir.resolve("classes.log");
  }

  /** Where the JVM took {@code className} from, as {@code -Xlog:class+load} says. */
  private String classSource(String className) throws IOException {
    Pattern loaded = Pattern.compile("\\] " + Pattern.quote(className) + " source: (.*)$");
    return Files.readAllLines(dir.resolve("classes.log")).stream()
        .map(loaded::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow(() -> new AssertionError(className + " was not loaded"));
  }

  /** A line of the JVM's unified logging (warnings and errors go to stderr), e.g. {@code [aot]}. */
  private static boolean jvmMessage(String line) {
    return line.matches("^\\[[0-9.]+s\\]\\[(warning|error)\\s*\\].*");
  }
}
