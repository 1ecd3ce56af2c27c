package io.fluxrp.server;

import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.OidcIssuerSettings;
import io.fluxrp.server.http.ThrottleSettings;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
 * @param oidcIssuers OIDC issuers whose tokens are accepted besides the embedded issuer's
 * @param initialOwners principal ids that are Owner of everything ({@code /}) from the start
 * @param secretKeysFile the key-encryption keys of secrets at rest (generated, mode 0600, when
 *     missing)
 * @param throttle per-principal read and write budgets
 * @param tls serve HTTPS with this certificate (null: plain HTTP)
 * @param clusterStaleAfter an agent cluster that has not reported for this long is shown as
 *     disconnected, and its configurations' {@code complianceState} as {@code Unknown}
 * @param trustForwardedHeaders build the URLs handed to clients ({@code Azure-AsyncOperation},
 *     {@code Location}, {@code nextLink}) from {@code X-Forwarded-Proto}/{@code X-Forwarded-Host};
 *     only behind a reverse proxy that sets them, else any client could point another client's
 *     polling (and its token) at a host of its choice
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
    Duration clusterStaleAfter,
    List<OidcIssuerSettings> oidcIssuers,
    List<String> initialOwners,
    Path secretKeysFile,
    ThrottleSettings throttle,
    TlsSettings tls,
    boolean trustForwardedHeaders,
    Clock clock) {

  public ServerConfig {
    oidcIssuers = List.copyOf(oidcIssuers);
    initialOwners = List.copyOf(initialOwners);
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
        Duration.ofMinutes(5),
        List.of(),
        List.of(EmbeddedIssuer.ADMIN_ID),
        dataDir.resolve("secret-keys.json"),
        ThrottleSettings.ARM_DEFAULTS,
        null,
        false,
        Clock.systemUTC());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public ServerConfig withClock(Clock newClock) {
    return toBuilder().clock(newClock).build();
  }

  public ServerConfig withRunEmulatedClusters(boolean run) {
    return toBuilder().runEmulatedClusters(run).build();
  }

  /** A copy with some settings changed. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private StoreSettings store;
    private boolean autoRegisterEmulatedClusters;
    private boolean runEmulatedClusters;
    private Duration operationTimeout;
    private Duration operationRetention;
    private Duration retryAfter;
    private Duration maintenanceInterval;
    private Duration clusterStaleAfter;
    private List<OidcIssuerSettings> oidcIssuers;
    private List<String> initialOwners;
    private Path secretKeysFile;
    private ThrottleSettings throttle;
    private TlsSettings tls;
    private boolean trustForwardedHeaders;
    private Clock clock;

    private Builder(ServerConfig c) {
      port = c.port;
      dataDir = c.dataDir;
      store = c.store;
      autoRegisterEmulatedClusters = c.autoRegisterEmulatedClusters;
      runEmulatedClusters = c.runEmulatedClusters;
      operationTimeout = c.operationTimeout;
      operationRetention = c.operationRetention;
      retryAfter = c.retryAfter;
      maintenanceInterval = c.maintenanceInterval;
      clusterStaleAfter = c.clusterStaleAfter;
      oidcIssuers = c.oidcIssuers;
      initialOwners = c.initialOwners;
      secretKeysFile = c.secretKeysFile;
      throttle = c.throttle;
      tls = c.tls;
      trustForwardedHeaders = c.trustForwardedHeaders;
      clock = c.clock;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder store(StoreSettings value) {
      store = value;
      return this;
    }

    public Builder autoRegisterEmulatedClusters(boolean value) {
      autoRegisterEmulatedClusters = value;
      return this;
    }

    public Builder runEmulatedClusters(boolean value) {
      runEmulatedClusters = value;
      return this;
    }

    public Builder clusterStaleAfter(Duration value) {
      clusterStaleAfter = value;
      return this;
    }

    public Builder oidcIssuers(List<OidcIssuerSettings> value) {
      oidcIssuers = value;
      return this;
    }

    public Builder initialOwners(List<String> value) {
      initialOwners = value;
      return this;
    }

    public Builder secretKeysFile(Path value) {
      secretKeysFile = value;
      return this;
    }

    public Builder throttle(ThrottleSettings value) {
      throttle = value;
      return this;
    }

    public Builder tls(TlsSettings value) {
      tls = value;
      return this;
    }

    public Builder trustForwardedHeaders(boolean value) {
      trustForwardedHeaders = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    public ServerConfig build() {
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
          clusterStaleAfter,
          oidcIssuers,
          initialOwners,
          secretKeysFile,
          throttle,
          tls,
          trustForwardedHeaders,
          clock);
    }
  }
}
