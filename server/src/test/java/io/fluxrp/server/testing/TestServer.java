package io.fluxrp.server.testing;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real fluxrp server on a random port with its own H2 data directory and a {@link MutableClock},
 * for HTTP tests. {@link #restart} stops it and starts a new server on the same data directory.
 */
public final class TestServer implements AutoCloseable {
  private final Path dataDir;
  private final MutableClock clock;
  private final UnaryOperator<ServerConfig> customize;
  private FluxrpServer server;
  private ArmClient client;

  private TestServer(Path dataDir, UnaryOperator<ServerConfig> customize) {
    this.dataDir = dataDir;
    this.clock = MutableClock.startingNow();
    this.customize = customize;
  }

  /**
   * A server on a fresh data directory with the embedded defaults, except that the emulated
   * clusters only move when the test calls {@link #syncClusters()} (deterministic, no waiting).
   */
  public static TestServer start() {
    return start(config -> config.withRunEmulatedClusters(false));
  }

  /** A server with the embedded defaults exactly, emulated-cluster worker included. */
  public static TestServer startLive() {
    return start(UnaryOperator.identity());
  }

  /** A server on a fresh data directory with adjusted settings. */
  public static TestServer start(UnaryOperator<ServerConfig> customize) {
    try {
      TestServer test = new TestServer(Files.createTempDirectory("fluxrp-test"), customize);
      test.boot(customize);
      return test;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void boot(UnaryOperator<ServerConfig> settings) {
    ServerConfig config = settings.apply(ServerConfig.embedded(0, dataDir).withClock(clock));
    server = FluxrpServer.start(config);
    client = new ArmClient(server.baseUri(), server.mintAdminToken(Duration.ofDays(365)));
  }

  /** Stops the server and starts a new one on the same data directory with these settings. */
  public void restart(UnaryOperator<ServerConfig> settings) {
    server.close();
    boot(settings);
  }

  public void restart() {
    restart(customize);
  }

  /** Lets every emulated cluster process its feed and report, on this thread. */
  public void syncClusters() {
    server.emulatedClusters().syncAll();
  }

  public FluxrpServer server() {
    return server;
  }

  public ArmClient client() {
    return client;
  }

  public MutableClock clock() {
    return clock;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
