package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.agentapi.AgentProtocol;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.secrets.KeyRingFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real fluxrp server on a random port with its own H2 data directory and a {@link MutableClock},
 * for HTTP tests. {@link #restart} stops it and starts a new server on the same data directory. For
 * one server shared by the tests of a class, see {@link SharedTestServer}.
 */
public final class TestServer implements AutoCloseable {
  /**
   * The issuer and secret key files by name, generated once per JVM (see {@link #seedKeys});
   * EmbeddedIssuerTest and KeyRingFileTest cover the generation itself.
   */
  private static Map<String, byte[]> seededKeys;

  private static final String SECRET_KEYS_FILE = "secret-keys.json";

  private final Path dataDir;
  private final MutableClock clock;
  private final UnaryOperator<ServerConfig> customize;
  private final ArmClient client;
  private FluxrpServer server;
  private String token;
  private EmbeddedIssuer issuer;

  private TestServer(Path dataDir, UnaryOperator<ServerConfig> customize) {
    this.dataDir = dataDir;
    this.clock = MutableClock.startingNow();
    this.customize = customize;
    this.client = new ArmClient(() -> server.baseUri(), () -> token);
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
      Path dataDir = Files.createTempDirectory("fluxrp-test");
      seedKeys(dataDir);
      TestServer test = new TestServer(dataDir, customize);
      test.boot(customize);
      return test;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the issuer key and the secret key file, generated once per JVM, into the data directory:
   * every test server (several instances on one database too) signs and encrypts alike, and none
   * pays for key generation.
   */
  private static synchronized void seedKeys(Path dataDir) throws IOException {
    if (seededKeys == null) {
      Path once = Files.createTempDirectory("fluxrp-test-key");
      EmbeddedIssuer.loadOrCreate(once);
      KeyRingFile.loadOrCreate(once.resolve(SECRET_KEYS_FILE), Clock.systemUTC());
      seededKeys =
          Map.of(
              EmbeddedIssuer.KEY_FILE,
              Files.readAllBytes(once.resolve(EmbeddedIssuer.KEY_FILE)),
              SECRET_KEYS_FILE,
              Files.readAllBytes(once.resolve(SECRET_KEYS_FILE)));
      delete(once);
    }
    for (Map.Entry<String, byte[]> key : seededKeys.entrySet()) {
      Path file = dataDir.resolve(key.getKey());
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.write(file, key.getValue());
    }
  }

  private void boot(UnaryOperator<ServerConfig> settings) {
    ServerConfig config = settings.apply(ServerConfig.embedded(0, dataDir).withClock(clock));
    server = FluxrpServer.start(config);
    token = server.mintAdminToken(Duration.ofDays(365));
  }

  /** Stops the server and starts a new one on the same data directory with these settings. */
  public void restart(UnaryOperator<ServerConfig> settings) {
    server.close();
    boot(settings);
  }

  public void restart() {
    restart(customize);
  }

  /**
   * A token of this server's embedded issuer for user {@code principalId} (object id) named {@code
   * userName}, valid for a day of the test clock. Its rights are the role assignments of that id.
   */
  public synchronized String mintToken(String principalId, String userName) {
    if (issuer == null) {
      issuer = EmbeddedIssuer.loadOrCreate(dataDir, clock);
    }
    return issuer.mint(principalId, userName, PrincipalType.User, Duration.ofDays(1));
  }

  /** A client of this server with a token of {@link #mintToken(String, String)}. */
  public ArmClient clientAs(String principalId, String userName) {
    String userToken = mintToken(principalId, userName);
    return new ArmClient(() -> server.baseUri(), () -> userToken);
  }

  /** Lets every emulated cluster process its feed and report, on this thread. */
  public void syncClusters() {
    server.emulatedClusters().syncAll();
  }

  /**
   * Creates configuration {@code name} on {@link ArmClient#CLUSTER} with {@code body} (2025-04-01,
   * expecting 201), lets the clusters report and returns the GET, which shows it Succeeded.
   */
  public ArmClient.Response createAndSync(String name, String body) {
    ArmClient.Response put = client.put(ArmClient.v(ArmClient.config(name)), body);
    assertThat(put.status()).as("create %s: %s", name, put).isEqualTo(201);
    syncClusters();
    ArmClient.Response get = client.get(ArmClient.v(ArmClient.config(name)));
    assertThat(get.status()).as("%s", get).isEqualTo(200);
    assertThat(get.json().at("/properties/provisioningState").asText())
        .as("%s after the cluster reported", name)
        .isEqualTo("Succeeded");
    return get;
  }

  /**
   * The entries of {@link ArmClient#CLUSTER}'s desired-state feed for configuration {@code name}:
   * what the cluster receives, write-only values included.
   */
  public List<DesiredEntry> desiredEntries(String name) {
    String clusterKey = ArmClient.CLUSTER.toLowerCase(Locale.ROOT);
    return server
        .agentProtocol()
        .desired(clusterKey, 0, Duration.ZERO, AgentProtocol.MAX_PAGE)
        .entries()
        .stream()
        .filter(e -> e.name().equals(name))
        .toList();
  }

  public FluxrpServer server() {
    return server;
  }

  /** A client of this server (it follows restarts) with a token of the local administrator. */
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
    delete(dataDir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
