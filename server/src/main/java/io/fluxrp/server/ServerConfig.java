package io.fluxrp.server;

import io.fluxrp.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a server instance is started with.
 *
 * @param port TCP port; 0 picks a free one
 * @param dataDir where the embedded database and the token issuer's key live
 * @param autoRegisterEmulatedClusters a PUT on an unknown cluster registers it as emulated (on for
 *     the embedded default) instead of answering 404 ParentResourceNotFound
 * @param runEmulatedClusters this instance plays the emulated clusters (the in-process agent)
 * @param operationTimeout an operation the cluster never answers fails after this long
 * @param operationRetention finished operations stay readable this long (at least 24 h)
 * @param retryAfter the {@code Retry-After} sent with asynchronous operations
 * @param maintenanceInterval how often timed-out operations are failed and old ones purged
 */
public record ServerConfig(
    int port,
    Path dataDir,
    StoreSettings store,
    boolean autoRegisterEmulatedClusters,
    boolean runEmulatedClusters,
    Duration operationTimeout,
    Duration operationRetention,
    Duration retryAfter,
    Duration maintenanceInterval,
    Clock clock) {

  public ServerConfig {
    if (operationRetention.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("operation retention must be at least 24 hours");
    }
  }

  /** The embedded default: H2 in {@code dataDir}, emulated clusters on first use. */
  public static ServerConfig embedded(int port, Path dataDir) {
    return new ServerConfig(
        port,
        dataDir,
        StoreSettings.embedded(dataDir),
        true,
        true,
        Duration.ofHours(48),
        Duration.ofDays(7),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  public ServerConfig withClock(Clock newClock) {
    return new ServerConfig(
        port,
        dataDir,
        store,
        autoRegisterEmulatedClusters,
        runEmulatedClusters,
        operationTimeout,
        operationRetention,
        retryAfter,
        maintenanceInterval,
        newClock);
  }

  public ServerConfig withRunEmulatedClusters(boolean run) {
    return new ServerConfig(
        port,
        dataDir,
        store,
        autoRegisterEmulatedClusters,
        run,
        operationTimeout,
        operationRetention,
        retryAfter,
        maintenanceInterval,
        clock);
  }
}
