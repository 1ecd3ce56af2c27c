package io.fluxrp.server;

import io.fluxrp.server.agentapi.AgentApiHandlers;
import io.fluxrp.server.agentapi.AgentProtocol;
import io.fluxrp.server.agentapi.DesiredStateFeed;
import io.fluxrp.server.agentapi.ReportService;
import io.fluxrp.server.auth.AgentAuthenticator;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.auth.OidcIssuer;
import io.fluxrp.server.auth.OidcIssuerSettings;
import io.fluxrp.server.auth.TokenAuthenticator;
import io.fluxrp.server.auth.TrustedIssuer;
import io.fluxrp.server.clusters.ClusterAdmin;
import io.fluxrp.server.clusters.ClusterAdminHandlers;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterLiveness;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.emulated.EmulatedClusters;
import io.fluxrp.server.fluxconfig.FluxConfigurationHandlers;
import io.fluxrp.server.fluxconfig.FluxConfigurationService;
import io.fluxrp.server.http.ArmDirectHandler;
import io.fluxrp.server.http.HttpPipeline;
import io.fluxrp.server.http.Routes;
import io.fluxrp.server.http.Throttle;
import io.fluxrp.server.operations.Maintenance;
import io.fluxrp.server.operations.OperationEngine;
import io.fluxrp.server.roles.RoleAssignmentHandlers;
import io.fluxrp.server.roles.RoleAssignments;
import io.fluxrp.server.roles.RoleAuthorizer;
import io.fluxrp.server.secrets.KeyRingFile;
import io.fluxrp.server.secrets.SecretAdminHandlers;
import io.fluxrp.server.secrets.SecretCipher;
import io.fluxrp.server.secrets.SecretRotation;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcClusterStore;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import io.fluxrp.server.store.JdbcOperationStore;
import io.fluxrp.server.store.JdbcRoleAssignmentStore;
import io.fluxrp.server.store.PostgresChangeListener;
import io.fluxrp.server.store.PostgresDialect;
import io.fluxrp.server.store.WorkLeases;
import io.fluxrp.server.tls.TlsContexts;
import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A running fluxrp server: HTTP API, store, operation engine and (when configured) the emulated
 * clusters. Start with {@link #start(ServerConfig)}, stop with {@link #close()}.
 */
public final class FluxrpServer implements AutoCloseable {
  /** How often waiting feed requests look at the database while change notifications are down. */
  private static final Duration CHANGE_POLL_INTERVAL = Duration.ofSeconds(1);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final EmbeddedIssuer issuer;
  private final EmulatedClusters emulatedClusters;
  private final Maintenance maintenance;
  private final Database database;
  private final AgentProtocol protocol;
  private final WebServer webServer;
  private final String scheme;

  private FluxrpServer(ServerConfig config) {
    // The keys need no database: they are read (on a fresh data directory created: an RSA key
    // pair, the slowest step of a first start) while the database opens and migrates.
    FutureTask<Keys> keys = new FutureTask<>(() -> Keys.loadOrCreate(config));
    Thread.ofPlatform().name("fluxrp-start-keys").start(keys);
    try {
      database = Database.open(config.store());
    } catch (RuntimeException | Error e) {
      awaitQuietly(keys); // no key file half-written by a thread outliving a failed start
      throw e;
    }
    resources.add(database);
    try {
      Keys loaded = await(keys);
      issuer = loaded.issuer();
      SecretCipher cipher = loaded.cipher();
      JdbcFluxConfigurationStore configurations = new JdbcFluxConfigurationStore(cipher);
      ClusterRegistry clusters =
          new ClusterRegistry(
              new JdbcClusterStore(), configurations, config.autoRegisterEmulatedClusters());
      ClusterLiveness liveness = new ClusterLiveness(config.clusterStaleAfter(), config.clock());
      OperationEngine engine =
          new OperationEngine(
              database,
              new JdbcOperationStore(),
              configurations,
              config.operationTimeout(),
              config.operationRetention());
      ClusterChangeSignal signal = new ClusterChangeSignal();
      ReportService reports =
          new ReportService(database, configurations, clusters, engine, config.clock());
      protocol =
          new AgentProtocol(
              database, clusters, new DesiredStateFeed(configurations), reports, signal);
      resources.add(0, protocol);
      WorkLeases leases = new WorkLeases(database, instanceName(database), config.clock());
      emulatedClusters =
          new EmulatedClusters(database, clusters, protocol, signal, config.clock(), leases);
      resources.add(0, emulatedClusters);
      if (database.dialect() instanceof PostgresDialect) {
        resources.add(
            0, PostgresChangeListener.start(config.store(), signal, CHANGE_POLL_INTERVAL));
      }
      maintenance = new Maintenance(engine, config.clock(), leases);
      resources.add(0, maintenance);
      FluxConfigurationService service =
          new FluxConfigurationService(
              database, configurations, clusters, engine, signal, liveness, config.clock());
      ClusterAdmin admin =
          new ClusterAdmin(
              database, clusters, configurations, engine, liveness, signal, config.clock());
      RoleAssignments roles =
          new RoleAssignments(database, new JdbcRoleAssignmentStore(), config.clock());
      roles.assignInitialOwners(config.initialOwners());
      Routes routes =
          new Routes(
              new FluxConfigurationHandlers(
                  service, config.retryAfter(), config.operationTimeout()),
              new ClusterAdminHandlers(admin),
              new RoleAssignmentHandlers(roles),
              new AgentApiHandlers(protocol),
              new SecretAdminHandlers(
                  new SecretRotation(
                      database, configurations, cipher, config.secretKeysFile(), config.clock())));
      HttpPipeline pipeline =
          new HttpPipeline(
              routes,
              tokenAuthenticator(issuer, config),
              new AgentAuthenticator(database, clusters),
              new RoleAuthorizer(roles),
              new Throttle(config.throttle(), config.clock()),
              config.clock(),
              (int) config.retryAfter().toSeconds(),
              config.trustForwardedHeaders());
      WebServerConfig.Builder listener =
          WebServer.builder()
              .port(config.port())
              .shutdownHook(false)
              .directHandlers(handlers -> addArmDirectHandlers(handlers))
              .routing(routing -> routing.any(pipeline));
      if (config.tls() != null) {
        listener.tls(
            Tls.builder()
                .sslContext(TlsContexts.create(config.tls(), config.dataDir(), config.clock()))
                .build());
      }
      webServer = listener.build();
      scheme = config.tls() == null ? "http" : "https";
    } catch (RuntimeException | Error e) {
      closeQuietly();
      throw e;
    }
  }

  /** Helidon's own answers (unparseable requests, oversized headers) as ARM error bodies. */
  private static void addArmDirectHandlers(DirectHandlers.Builder handlers) {
    ArmDirectHandler handler = new ArmDirectHandler();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      handlers.addHandler(type, handler);
    }
  }

  /** Accepts the embedded issuer's tokens and those of every configured OIDC issuer. */
  private static TokenAuthenticator tokenAuthenticator(
      EmbeddedIssuer embedded, ServerConfig config) {
    List<TrustedIssuer> issuers = new ArrayList<>();
    issuers.add(embedded);
    for (OidcIssuerSettings settings : config.oidcIssuers()) {
      issuers.add(OidcIssuer.start(settings, config.clock()));
    }
    return new TokenAuthenticator(issuers, config.clock());
  }

  /** The embedded issuer's signing key and the key ring of secrets at rest. */
  private record Keys(EmbeddedIssuer issuer, SecretCipher cipher) {
    /** Reads the keys; creates the files that are missing. */
    static Keys loadOrCreate(ServerConfig config) {
      EmbeddedIssuer issuer = EmbeddedIssuer.loadOrCreate(config.dataDir(), config.clock());
      SecretCipher cipher =
          new SecretCipher(
              KeyRingFile.loadOrCreate(config.secretKeysFile(), config.clock()),
              () -> KeyRingFile.load(config.secretKeysFile()));
      return new Keys(issuer, cipher);
    }
  }

  /** The result of {@code task}; what it threw, thrown here. */
  private static <T> T await(FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void awaitQuietly(FutureTask<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the start fails for another reason already
    }
  }

  /**
   * This instance in the lease table: host name and a random suffix (several per host); on a
   * database only one process can open, always the same name, so that a server restarted after a
   * crash takes its leases back at once instead of waiting for them to expire.
   */
  private static String instanceName(Database database) {
    if (!database.dialect().sharedBetweenProcesses()) {
      return "embedded";
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Opens the store (migrating it), starts the background work and the HTTP listener. */
  public static FluxrpServer start(ServerConfig config) {
    FluxrpServer server = new FluxrpServer(config);
    try {
      if (config.runEmulatedClusters()) {
        server.emulatedClusters.start();
      }
      server.maintenance.start(config.maintenanceInterval());
      server.webServer.start();
      if (!server.webServer.isRunning() || server.webServer.port() <= 0) {
        // Helidon logs a listener that could not bind and carries on without it
        throw new IllegalStateException(
            "cannot listen on port " + config.port() + ": the address is in use or not allowed");
      }
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** The port the HTTP listener is bound to. */
  public int port() {
    return webServer.port();
  }

  /** {@code http://localhost:<port>}, or {@code https://} when serving TLS. */
  public URI baseUri() {
    return URI.create(scheme + "://localhost:" + port());
  }

  /** A bearer token of the embedded issuer for the local administrator, valid for {@code ttl}. */
  public String mintAdminToken(Duration ttl) {
    return issuer.mintAdmin(ttl);
  }

  /** The emulated clusters (driven by hand with {@code sync} when the worker is not running). */
  public EmulatedClusters emulatedClusters() {
    return emulatedClusters;
  }

  /** Operation upkeep; {@code runOnce()} fails what is past its deadline now. */
  public Maintenance maintenance() {
    return maintenance;
  }

  /** The cluster side of the protocol, as the agent API's handlers use it. */
  public AgentProtocol agentProtocol() {
    return protocol;
  }

  /** Desired-state feed requests waiting for a change right now. */
  public int waitingFeedRequests() {
    return protocol.waiting();
  }

  /** Database connections in use right now. */
  public int activeDatabaseConnections() {
    return database.activeConnections();
  }

  /**
   * Stops accepting requests, finishes the ones in flight, stops background work, closes the store.
   */
  @Override
  public void close() {
    if (protocol != null) {
      protocol.close(); // answers waiting feed requests, so the listener stops without waiting
    }
    if (webServer != null && webServer.isRunning()) {
      webServer.stop();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(FluxrpServer.class).warn("error while stopping", e);
      }
    }
    resources.clear();
  }
}
