package io.fluxrp.cli;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.auth.OidcIssuerSettings;
import io.fluxrp.server.http.ThrottleSettings;
import io.fluxrp.server.roles.PrincipalIds;
import io.fluxrp.server.tls.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fluxrp serve}: runs the server on the embedded default until SIGTERM or Ctrl-C, then stops
 * it gracefully and exits 0. Logs go to stderr; stdout carries only the administrator token block.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Run the resource provider on the embedded default (H2 in the data directory, emulated"
          + " clusters).",
      "Prints an administrator token valid for 24 hours on stdout; logs go to stderr.",
      "Environment: FLUXRP_LOG_FORMAT=text|json chooses the log format."
    })
final class ServeCommand implements Callable<Integer> {

  /** Lifetime of the administrator token printed at start. */
  static final Duration ADMIN_TOKEN_TTL = Duration.ofHours(24);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      converter = PortConverter.class,
      description =
          "TCP port to listen on; 0 picks a free one (env FLUXRP_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--trust-forwarded-headers",
      paramLabel = "true|false",
      defaultValue = "false",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Build the URLs handed to clients (operation status, nextLink) from X-Forwarded-Proto"
              + " and X-Forwarded-Host; only behind a reverse proxy that sets them"
              + " (env FLUXRP_TRUST_FORWARDED_HEADERS; default: ${DEFAULT-VALUE}).")
  boolean trustForwardedHeaders;

  @Option(
      names = "--auto-register-clusters",
      paramLabel = "true|false",
      defaultValue = "true",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "A PUT on a cluster the server does not know registers it as an emulated cluster;"
              + " false: it answers 404 until 'fluxrp clusters register'"
              + " (env FLUXRP_AUTO_REGISTER_CLUSTERS; default: ${DEFAULT-VALUE}).")
  boolean autoRegisterClusters;

  @Option(
      names = "--cluster-stale-after",
      paramLabel = "DURATION",
      defaultValue = "PT5M",
      converter = TokenCommand.PositiveDurationConverter.class,
      description =
          "An agent cluster silent for this long shows as Disconnected and its configurations'"
              + " complianceState as Unknown, as an ISO-8601 duration"
              + " (env FLUXRP_CLUSTER_STALE_AFTER; default: ${DEFAULT-VALUE}).")
  Duration clusterStaleAfter;

  @Mixin DatabaseOptions database;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "HTTPS (plain HTTP without):%n")
  TlsOptions tls;

  /** The three ways to serve HTTPS; at most one. */
  static final class TlsOptions {
    @ArgGroup(exclusive = false, multiplicity = "1")
    PemOptions pem;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Pkcs12Options pkcs12;

    @Option(
        names = "--tls-self-signed",
        required = true,
        description =
            "Generate a self-signed certificate for localhost in <data-dir>/tls (for local use).")
    boolean selfSigned;

    TlsSettings settings() throws IOException {
      if (pem != null) {
        return TlsSettings.pem(pem.certificate, pem.key);
      }
      if (pkcs12 != null) {
        String password =
            pkcs12.passwordFile == null ? "" : Files.readString(pkcs12.passwordFile).strip();
        return TlsSettings.pkcs12(pkcs12.file, password);
      }
      return TlsSettings.generatedSelfSigned();
    }
  }

  static final class PemOptions {
    @Option(
        names = "--tls-cert",
        required = true,
        paramLabel = "FILE",
        description = "PEM certificate chain, the server's certificate first.")
    Path certificate;

    @Option(
        names = "--tls-key",
        required = true,
        paramLabel = "FILE",
        description = "PEM private key (unencrypted PKCS#8, 'BEGIN PRIVATE KEY').")
    Path key;
  }

  static final class Pkcs12Options {
    @Option(
        names = "--tls-pkcs12",
        required = true,
        paramLabel = "FILE",
        description = "PKCS#12 file with the private key and certificate chain.")
    Path file;

    @Option(
        names = "--tls-pkcs12-password-file",
        paramLabel = "FILE",
        description = "A file holding the PKCS#12 password (default: no password).")
    Path passwordFile;
  }

  @Option(
      names = "--oidc-issuer",
      paramLabel = OidcIssuerOption.SYNTAX,
      split = ";",
      converter = OidcIssuerOption.Converter.class,
      description =
          "Also accept bearer tokens of this OIDC issuer (exact iss, e.g. Entra ID's"
              + " https://login.microsoftonline.com/<tenant>/v2.0), its keys from a JWKS URL or"
              + " file; repeatable (env FLUXRP_OIDC_ISSUERS, several separated by ';').")
  List<OidcIssuerSettings> oidcIssuers;

  @Option(
      names = "--secret-keys-file",
      paramLabel = "FILE",
      converter = DataDirOption.PathConverter.class,
      description =
          "The keys secrets are encrypted with at rest (JSON, mode 600; created with one key when"
              + " missing; share it between instances on one database)"
              + " (env FLUXRP_SECRET_KEYS_FILE; default: <data dir>/secret-keys.json).")
  Path secretKeysFile;

  @Option(
      names = "--owner",
      paramLabel = "PRINCIPAL_ID",
      split = ",",
      converter = PrincipalIdConverter.class,
      description =
          "A principal (token oid/sub) made Owner of '/' at start; repeatable. Given, it replaces"
              + " the default, the local administrator"
              + " (env FLUXRP_OWNERS, comma-separated).")
  List<String> owners;

  @Option(
      names = "--throttle-reads",
      paramLabel = "N",
      defaultValue = "12000",
      converter = PositiveIntConverter.class,
      description =
          "ARM reads (GET) per principal per --throttle-window, then 429"
              + " (env FLUXRP_THROTTLE_READS; default: ${DEFAULT-VALUE}).")
  int throttleReads;

  @Option(
      names = "--throttle-writes",
      paramLabel = "N",
      defaultValue = "1200",
      converter = PositiveIntConverter.class,
      description =
          "ARM writes (PUT, PATCH, DELETE) per principal per --throttle-window, then 429"
              + " (env FLUXRP_THROTTLE_WRITES; default: ${DEFAULT-VALUE}).")
  int throttleWrites;

  @Option(
      names = "--throttle-window",
      paramLabel = "DURATION",
      defaultValue = "PT1H",
      converter = TokenCommand.PositiveDurationConverter.class,
      description =
          "The window of the request budgets, as an ISO-8601 duration"
              + " (env FLUXRP_THROTTLE_WINDOW; default: ${DEFAULT-VALUE}).")
  Duration throttleWindow;

  /** What the options say to start; reads only a PKCS#12 password file. */
  ServerConfig serverConfig() {
    ServerConfig embedded = ServerConfig.embedded(port, dataDir.path());
    ServerConfig.Builder config =
        embedded.toBuilder()
            .store(database.settings(dataDir.path()))
            .secretKeysFile(secretKeysFile == null ? embedded.secretKeysFile() : secretKeysFile)
            .trustForwardedHeaders(trustForwardedHeaders)
            .autoRegisterEmulatedClusters(autoRegisterClusters)
            .clusterStaleAfter(clusterStaleAfter)
            .tls(tlsSettings())
            .oidcIssuers(oidcIssuers == null ? List.of() : oidcIssuers)
            .throttle(new ThrottleSettings(throttleReads, throttleWrites, throttleWindow));
    if (owners != null && !owners.isEmpty()) {
      config.initialOwners(List.copyOf(new LinkedHashSet<>(owners)));
    }
    return config.build();
  }

  private TlsSettings tlsSettings() {
    if (tls == null) {
      return null;
    }
    try {
      return tls.settings();
    } catch (IOException e) {
      throw new CliException("cannot read the PKCS#12 password file: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    Path dir = dataDir.path();
    try {
      OidcIssuerOption.checkDistinct(serverConfig().oidcIssuers());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--oidc-issuer: " + e.getMessage());
    }
    checkPortFree(port);
    prepareDataDir(dir);

    FluxrpServer server;
    try {
      server = FluxrpServer.start(serverConfig());
    } catch (RuntimeException e) {
      log.debug("start failed", e);
      throw new CliException(startFailure(e, port));
    }
    Stopper stopper = new Stopper(server, log);
    Runtime.getRuntime().addShutdownHook(new Thread(stopper::stop, "fluxrp-shutdown"));
    CountDownLatch stopRequested = new CountDownLatch(1);
    Signals.onTermination(stopRequested::countDown);

    log.info("fluxrp listening on {} (data dir {})", server.baseUri(), dir);
    printAdminToken(spec.commandLine().getOut(), server.mintAdminToken(ADMIN_TOKEN_TTL), dir);

    stopRequested.await();
    stopper.stop();
    return 0;
  }

  /** The stdout block of {@code serve}: the token on a line of its own after {@code token: }. */
  static void printAdminToken(PrintWriter out, String token, Path dataDir) {
    out.println("Administrator token (valid 24 h), for the local walk-through:");
    out.println("token: " + token);
    out.println(
        "A new one at any time: export TOKEN=$(fluxrp token --data-dir "
            + shellQuote(dataDir.toString())
            + ")");
    out.flush();
  }

  /** Creates the data directory (0700) and checks that it is a writable directory. */
  static void prepareDataDir(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
          Files.createDirectories(dir);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliException(
          "data directory "
              + dir
              + " is not usable: "
              + e.getFile()
              + " exists and is not a directory");
    } catch (AccessDeniedException e) {
      throw new CliException(
          "data directory " + dir + " is not usable: permission denied: " + e.getFile());
    } catch (FileSystemException e) {
      throw new CliException(
          "data directory "
              + dir
              + " is not usable: "
              + (e.getReason() != null ? e.getFile() + ": " + e.getReason() : e.getMessage()));
    } catch (IOException e) {
      throw new CliException("data directory " + dir + " is not usable: " + Errors.oneLine(e));
    }
    if (!Files.isWritable(dir)) {
      throw new CliException("data directory " + dir + " is not usable: not writable");
    }
  }

  /**
   * Fails fast, before the store is opened, when another process listens on {@code port} (0, any
   * free port, is not checked). Binds the way the HTTP listener does: all interfaces, address
   * reuse.
   */
  static void checkPortFree(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (BindException e) {
      throw new CliException(portInUse(port, e));
    } catch (IOException e) {
      // not conclusive: let the server try and report
    }
  }

  private static String portInUse(int port, BindException e) {
    return "cannot listen on port "
        + port
        + ": "
        + (e.getMessage() == null ? "address already in use" : e.getMessage())
        + " (choose another with --port or FLUXRP_PORT)";
  }

  static String startFailure(RuntimeException e, int port) {
    var bind = Errors.find(e, BindException.class);
    if (bind.isPresent()) {
      return portInUse(port, bind.get());
    }
    return "cannot start the server: " + Errors.oneLine(e);
  }

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  static String shellQuote(String s) {
    return SHELL_SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Closes the server once, whichever comes first: a signal, the shutdown hook. */
  private static final class Stopper {
    private final FluxrpServer server;
    private final Logger log;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Stopper(FluxrpServer server, Logger log) {
      this.server = server;
      this.log = log;
    }

    void stop() {
      if (stopped.compareAndSet(false, true)) {
        log.info("fluxrp stopping");
        try {
          server.close();
          log.info("fluxrp stopped");
        } catch (RuntimeException e) {
          log.error("fluxrp did not stop cleanly: {}", Errors.oneLine(e));
        }
      }
    }
  }

  /** A whole number from 1 to 1,000,000,000. */
  static final class PositiveIntConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.strip());
        if (n >= 1 && n <= 1_000_000_000) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a number from 1 to 1000000000");
    }
  }

  /** A principal id: 1 to 256 printable ASCII characters without spaces. */
  static final class PrincipalIdConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String id = value.strip();
      if (!PrincipalIds.valid(id)) {
        throw new TypeConversionException(
            "'" + value + "' is not a principal id (1 to 256 printable characters, no spaces)");
      }
      return id;
    }
  }

  /** 0 to 65535. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int p;
      try {
        p = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a port number");
      }
      if (p < 0 || p > 65535) {
        throw new TypeConversionException("'" + value + "' is not between 0 and 65535");
      }
      return p;
    }
  }
}
