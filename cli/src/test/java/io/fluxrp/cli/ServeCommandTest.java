package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.tls.TlsSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Option and environment handling of {@code serve}; the server itself is not started here. */
class ServeCommandTest {

  @TempDir Path tmp;

  @Test
  void defaults() {
    ServeCommand serve = parse(Map.of());

    assertThat(serve.port).isEqualTo(8080);
    assertThat(serve.dataDir.path())
        .isEqualTo(Paths.get(System.getProperty("user.home"), ".fluxrp").toAbsolutePath());
  }

  @Test
  void environmentReplacesTheDefaults() {
    ServeCommand serve =
        parse(Map.of("FLUXRP_PORT", "9090", "FLUXRP_DATA_DIR", tmp.resolve("d").toString()));

    assertThat(serve.port).isEqualTo(9090);
    assertThat(serve.dataDir.path()).isEqualTo(tmp.resolve("d"));
  }

  @Test
  void blankEnvironmentVariablesAreIgnored() {
    ServeCommand serve = parse(Map.of("FLUXRP_PORT", " ", "FLUXRP_DATA_DIR", ""));

    assertThat(serve.port).isEqualTo(8080);
    assertThat(serve.dataDir.path())
        .isEqualTo(Paths.get(System.getProperty("user.home"), ".fluxrp").toAbsolutePath());
  }

  @Test
  void optionsWinOverTheEnvironment() {
    ServeCommand serve =
        parse(
            Map.of("FLUXRP_PORT", "9090", "FLUXRP_DATA_DIR", "/from/env"),
            "--port",
            "0",
            "--data-dir=" + tmp.resolve("opt"));

    assertThat(serve.port).isZero();
    assertThat(serve.dataDir.path()).isEqualTo(tmp.resolve("opt"));
  }

  @Test
  void dataDirIsMadeAbsoluteAndTildeIsHome() {
    Path home = Paths.get(System.getProperty("user.home"));

    assertThat(parse(Map.of(), "--data-dir", "~/x/../fluxrp").dataDir.path())
        .isEqualTo(home.resolve("fluxrp"));
    assertThat(parse(Map.of("FLUXRP_DATA_DIR", "~"), new String[0]).dataDir.path()).isEqualTo(home);
    assertThat(parse(Map.of(), "--data-dir", "rel").dataDir.path())
        .isEqualTo(Paths.get("rel").toAbsolutePath());
  }

  @Test
  void serverConfigIsTheEmbeddedDefault() {
    ServeCommand serve = parse(Map.of(), "--port", "0", "--data-dir", tmp.toString());

    assertThat(serve.serverConfig()).isEqualTo(ServerConfig.embedded(0, tmp));
  }

  @Test
  void forwardedHeadersAreTrustedOnlyWhenAskedFor() {
    assertThat(parse(Map.of()).serverConfig().trustForwardedHeaders()).isFalse();
    assertThat(parse(Map.of(), "--trust-forwarded-headers").serverConfig().trustForwardedHeaders())
        .isTrue();
    assertThat(
            parse(Map.of("FLUXRP_TRUST_FORWARDED_HEADERS", "true"))
                .serverConfig()
                .trustForwardedHeaders())
        .isTrue();
    assertThat(
            parse(
                    Map.of("FLUXRP_TRUST_FORWARDED_HEADERS", "true"),
                    "--trust-forwarded-headers=false")
                .serverConfig()
                .trustForwardedHeaders())
        .isFalse();
  }

  @Test
  void clusterSettingsComeFromOptionsOrEnvironment() {
    ServerConfig defaults = parse(Map.of()).serverConfig();
    assertThat(defaults.autoRegisterEmulatedClusters()).isTrue();
    assertThat(defaults.clusterStaleAfter()).isEqualTo(Duration.ofMinutes(5));

    ServerConfig options =
        parse(Map.of(), "--auto-register-clusters=false", "--cluster-stale-after", "PT90S")
            .serverConfig();
    assertThat(options.autoRegisterEmulatedClusters()).isFalse();
    assertThat(options.clusterStaleAfter()).isEqualTo(Duration.ofSeconds(90));

    ServerConfig environment =
        parse(
                Map.of(
                    "FLUXRP_AUTO_REGISTER_CLUSTERS", "false",
                    "FLUXRP_CLUSTER_STALE_AFTER", "PT1H"))
            .serverConfig();
    assertThat(environment.autoRegisterEmulatedClusters()).isFalse();
    assertThat(environment.clusterStaleAfter()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aStalenessLimitOfZeroIsAUsageError() {
    Cli result = Cli.run("serve", "--cluster-stale-after", "PT0S", "--data-dir", tmp.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--cluster-stale-after", "not longer than zero");
  }

  @Test
  void tlsOptionsChooseOneCertificateSource() throws Exception {
    Path password = tmp.resolve("p12.password");
    Files.writeString(password, "s3cret\n");

    assertThat(parse(Map.of()).serverConfig().tls()).isNull();
    assertThat(parse(Map.of(), "--tls-self-signed").serverConfig().tls())
        .isEqualTo(TlsSettings.generatedSelfSigned());
    assertThat(parse(Map.of(), "--tls-cert", "a.crt", "--tls-key", "a.key").serverConfig().tls())
        .isEqualTo(TlsSettings.pem(Path.of("a.crt"), Path.of("a.key")));
    assertThat(
            parse(
                    Map.of(),
                    "--tls-pkcs12",
                    "s.p12",
                    "--tls-pkcs12-password-file",
                    password.toString())
                .serverConfig()
                .tls())
        .isEqualTo(TlsSettings.pkcs12(Path.of("s.p12"), "s3cret"));
  }

  @Test
  void incompleteOrConflictingTlsOptionsAreUsageErrors() {
    for (String[] bad :
        List.of(
            new String[] {"--tls-cert", "a.crt"},
            new String[] {"--tls-key", "a.key"},
            new String[] {"--tls-self-signed", "--tls-pkcs12", "s.p12"},
            new String[] {"--tls-self-signed", "--tls-cert", "a.crt", "--tls-key", "a.key"})) {
      List<String> args = new java.util.ArrayList<>(List.of("serve", "--data-dir", tmp.toString()));
      args.addAll(List.of(bad));

      Cli result = Cli.run(args.toArray(String[]::new));

      assertThat(result.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(result.err()).as(String.join(" ", bad)).contains("--tls");
    }
  }

  @Test
  void badPortsAreUsageErrors() {
    for (String bad : new String[] {"-1", "65536", "http", ""}) {
      Cli result = Cli.run("serve", "--port", bad, "--data-dir", tmp.toString());

      assertThat(result.exitCode()).as(bad).isEqualTo(2);
      assertThat(result.err()).as(bad).contains("--port");
      assertThat(result.out()).as(bad).isEmpty();
    }
    Cli fromEnv = Cli.run(Map.of("FLUXRP_PORT", "eighty"), "serve", "--data-dir", tmp.toString());
    assertThat(fromEnv.exitCode()).isEqualTo(2);
    assertThat(fromEnv.err()).contains("'eighty' is not a port number");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli result = Cli.run("serve", "--prot", "80");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Unknown option")
        .contains("'--prot'")
        .contains("Usage: fluxrp serve");
  }

  @Test
  void unusableDataDirFailsBeforeStartingWithOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    Cli result = Cli.run("serve", "--port", "0", "--data-dir", file.resolve("sub").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("fluxrp: data directory " + file.resolve("sub") + " is not usable: ");
  }

  @Test
  void prepareDataDirCreatesIt() {
    Path dir = tmp.resolve("a/b");

    ServeCommand.prepareDataDir(dir);

    assertThat(dir).isDirectory();
    assertThatThrownBy(() -> ServeCommand.prepareDataDir(Files.writeString(tmp.resolve("f"), "")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("exists and is not a directory");
  }

  @Test
  void portInUseIsReportedAsSuch() {
    RuntimeException wrapped =
        new UncheckedIOException(
            "Failed to start server socket",
            new java.io.IOException("bind failed", new BindException("Address already in use")));

    assertThat(ServeCommand.startFailure(wrapped, 8080))
        .isEqualTo(
            "cannot listen on port 8080: Address already in use (choose another with --port or"
                + " FLUXRP_PORT)");
    assertThat(ServeCommand.startFailure(new IllegalStateException("store: disk full"), 8080))
        .isEqualTo("cannot start the server: store: disk full");
  }

  @Test
  void portInUseFailsBeforeStartingWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.setReuseAddress(true);
      taken.bind(new InetSocketAddress(0));
      int port = taken.getLocalPort();

      Cli result = Cli.run("serve", "--port", Integer.toString(port), "--data-dir", tmp.toString());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
      assertThat(result.err().lines()).hasSize(1);
      assertThat(result.err())
          .startsWith("fluxrp: cannot listen on port " + port + ": ")
          .contains("--port or FLUXRP_PORT");
    }
    try (var files = Files.list(tmp)) {
      assertThat(files).isEmpty(); // the store was never opened
    }
  }

  @Test
  void adminTokenBlock() {
    StringWriter out = new StringWriter();

    ServeCommand.printAdminToken(new PrintWriter(out), "a.b.c", Paths.get("/var/lib/flux rp"));

    assertThat(out.toString().lines())
        .containsExactly(
            "Administrator token (valid 24 h), for the local walk-through:",
            "token: a.b.c",
            "A new one at any time: export TOKEN=$(fluxrp token --data-dir '/var/lib/flux rp')");
  }

  @Test
  void shellQuoting() {
    assertThat(ServeCommand.shellQuote("/home/me/.fluxrp")).isEqualTo("/home/me/.fluxrp");
    assertThat(ServeCommand.shellQuote("/tmp/it's")).isEqualTo("'/tmp/it'\\''s'");
    assertThat(ServeCommand.shellQuote("/a/$HOME")).isEqualTo("'/a/$HOME'");
  }

  @Test
  void aDatabaseUrlSelectsPostgresWithUserPasswordFileAndPoolSize() throws Exception {
    Path password = Files.writeString(tmp.resolve("pw"), "s3cret\n");
    ServeCommand serve =
        parse(
            Map.of("FLUXRP_DATABASE_POOL_SIZE", "25"),
            "--data-dir",
            tmp.toString(),
            "--database-url",
            "jdbc:postgresql://db:5432/fluxrp",
            "--database-user",
            "fluxrp",
            "--database-password-file",
            password.toString());

    var store = serve.serverConfig().store();
    assertThat(store.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/fluxrp");
    assertThat(store.username()).isEqualTo("fluxrp");
    assertThat(store.password()).isEqualTo("s3cret");
    assertThat(store.maxPoolSize()).isEqualTo(25);
  }

  @Test
  void databaseSettingsComeFromTheEnvironmentToo() throws Exception {
    Path password = Files.writeString(tmp.resolve("pw"), "pw");
    ServeCommand serve =
        parse(
            Map.of(
                "FLUXRP_DATA_DIR",
                tmp.toString(),
                "FLUXRP_DATABASE_URL",
                "jdbc:postgresql://db/fluxrp",
                "FLUXRP_DATABASE_USER",
                "u",
                "FLUXRP_DATABASE_PASSWORD_FILE",
                password.toString()));

    var store = serve.serverConfig().store();
    assertThat(store.jdbcUrl()).isEqualTo("jdbc:postgresql://db/fluxrp");
    assertThat(store.username()).isEqualTo("u");
    assertThat(store.password()).isEqualTo("pw");
    assertThat(store.maxPoolSize()).isEqualTo(10);
  }

  @Test
  void badDatabaseSettingsAreRefused() {
    assertThatThrownBy(() -> parse(Map.of(), "--database-pool-size", "1"))
        .hasMessageContaining("between 2 and 500");
    assertThatThrownBy(() -> parse(Map.of(), "--database-url", "jdbc:mysql://db/x").serverConfig())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("PostgreSQL JDBC URL");
    assertThatThrownBy(() -> parse(Map.of(), "--database-user", "u").serverConfig())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("need --database-url");
    assertThatThrownBy(
            () ->
                parse(
                        Map.of(),
                        "--database-url",
                        "jdbc:postgresql://db/x",
                        "--database-password-file",
                        tmp.resolve("missing").toString())
                    .serverConfig())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("cannot read the database password file");
  }

  private static ServeCommand parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    ParseResult result = cmd.parseArgs(all);
    return (ServeCommand) result.subcommand().commandSpec().userObject();
  }
}
