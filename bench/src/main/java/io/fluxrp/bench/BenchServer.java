package io.fluxrp.bench;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.http.ThrottleSettings;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.StoreSettings;
import io.helidon.webserver.WebServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The measured process (started by {@link ServerChild}): a fluxrp server as {@code fluxrp serve}
 * runs it (embedded H2, emulated clusters running, the same logging) and, in the same JVM, a bare
 * Helidon server with the ceiling endpoints of {@link BareRoutes}. The throttle budget is raised so
 * the load is not answered 429; everything else is the embedded default.
 *
 * <p>Arguments: {@code <dataDir> [--database-url <jdbc:postgresql:...> --database-user <name>]};
 * with a database URL the store is that PostgreSQL database (no password, a pool of 10 as {@code
 * fluxrp serve}'s default) instead of H2.
 *
 * <p>Prints {@code READY fluxrp=<port> bare=<port> token=<token>}, then reads commands from stdin:
 * {@code seed <n>} (the LIST cluster holds n configurations afterwards).
 */
public final class BenchServer {
  static final String DATABASE_URL = "--database-url";
  static final String DATABASE_USER = "--database-user";
  private static final int POOL_SIZE = 10;

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    Path dataDir = Path.of(args[0]);
    ServerConfig config =
        ServerConfig.embedded(0, dataDir).toBuilder()
            .store(store(dataDir, options(args)))
            .throttle(
                new ThrottleSettings(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1)))
            .build();
    try (FluxrpServer server = FluxrpServer.start(config);
        Database raw = Database.open(config.store())) {
      String token = server.mintAdminToken(Duration.ofDays(1));
      Fixtures fixtures = new Fixtures(server.baseUri(), token);
      byte[] payload = fixtures.createGetTarget();
      fixtures.registerAgentClusters();
      RawStore rawStore = new RawStore(raw);
      WebServer bare = BareRoutes.start(0, payload, rawStore);
      System.out.printf(
          "READY fluxrp=%d bare=%d token=%s bytes=%d%n",
          server.port(), bare.port(), token, payload.length);
      System.out.flush();
      commands(rawStore);
      bare.stop();
    }
    System.exit(0); // background threads must not keep the JVM (and its JFR recording) alive
  }

  /** The {@code --name value} pairs after the data directory. */
  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static StoreSettings store(Path dataDir, Map<String, String> options) {
    String url = options.get(DATABASE_URL);
    return url == null
        ? new StoreSettings(dataDir, null, null, null, POOL_SIZE)
        : new StoreSettings(dataDir, url, options.get(DATABASE_USER), "", POOL_SIZE);
  }

  private static void commands(RawStore rawStore) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.trim().split(" ");
      if (words[0].equals("seed")) {
        long started = System.nanoTime();
        int total = rawStore.seedList(Integer.parseInt(words[1]));
        System.out.printf("SEEDED %d in %d ms%n", total, (System.nanoTime() - started) / 1_000_000);
      } else if (words[0].equals("quit")) {
        return;
      }
      System.out.flush();
    }
  }
}
