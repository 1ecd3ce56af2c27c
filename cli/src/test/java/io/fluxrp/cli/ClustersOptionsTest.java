package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.server.auth.EmbeddedIssuer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fluxrp clusters} without a server: options, ids, tokens, failures before any answer. */
class ClustersOptionsTest {

  static final String ID =
      "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1";

  @TempDir Path tmp;

  @Test
  void badClusterIdIsAUsageErrorOfEverySubcommand() {
    for (String command : List.of("register", "show", "remove", "rotate-credential")) {
      for (String bad :
          List.of(
              "c1",
              ID.substring(1),
              "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1",
              "/subscriptions/sub1/resourceGroups/rg1",
              "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes/c1",
              ID + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/f1",
              ID + "/",
              ID.replace("/rg1/", "/../"),
              ID.replace("/rg1/", "//"),
              ID.replace("/rg1/", "/rg\n1/"),
              ID.replace("/resourceGroups/", "/resourcegroup/"))) {
        Cli result = Cli.run("clusters", command, bad, "--token", "t", "--server", "http://x");

        assertThat(result.exitCode()).as("%s %s", command, bad).isEqualTo(2);
        assertThat(result.out()).as("%s %s", command, bad).isEmpty();
        assertThat(result.err()).as("%s %s", command, bad).contains("is not a cluster id");
      }
    }
  }

  @Test
  void clusterIdIsEscapedSegmentBySegment() {
    ClusterId id =
        new ClusterId.Converter()
            .convert(" /subscriptions/s 1/resourceGroups/rg.(x)%/providers/é/a+b/c?d#e ");

    assertThat(id.value())
        .isEqualTo("/subscriptions/s 1/resourceGroups/rg.(x)%/providers/é/a+b/c?d#e");
    assertThat(id.path())
        .isEqualTo(
            "/subscriptions/s%201/resourceGroups/rg.%28x%29%25/providers/%C3%A9/a%2Bb/c%3Fd%23e");
    assertThat(
            new ClusterId.Converter()
                .convert("/SUBSCRIPTIONS/a/RESOURCEGROUPS/b/PROVIDERS/c/d/e")
                .path())
        .isEqualTo("/SUBSCRIPTIONS/a/RESOURCEGROUPS/b/PROVIDERS/c/d/e");
  }

  @Test
  void withoutTokenOrKeyFileItFailsAndCreatesNothing() {
    Path dataDir = tmp.resolve("no-such-dir");
    for (String[] args :
        List.of(
            new String[] {"list"},
            new String[] {"show", ID},
            new String[] {"register", ID},
            new String[] {"remove", ID},
            new String[] {"rotate-credential", ID})) {
      Cli result =
          Cli.run(
              Map.of("FLUXRP_DATA_DIR", dataDir.toString()),
              concat(new String[] {"clusters"}, args));

      assertThat(result.exitCode()).as(args[0]).isEqualTo(1);
      assertThat(result.out()).as(args[0]).isEmpty();
      assertThat(result.err())
          .as(args[0])
          .isEqualTo(
              "fluxrp: no --token given, and no token signing key "
                  + dataDir.resolve(EmbeddedIssuer.KEY_FILE)
                  + " to mint one: pass --token TOKEN (or set FLUXRP_TOKEN), or run this on the"
                  + " server's machine (with the server's --data-dir)"
                  + System.lineSeparator());
    }
    assertThat(dataDir).doesNotExist();

    Cli emptyDir = Cli.run("clusters", "list", "--data-dir", tmp.toString());
    assertThat(emptyDir.exitCode()).isEqualTo(1);
    assertThat(emptyDir.err()).contains("no --token given");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void tokenMintedFromTheDataDirIsAnAdminTokenForFiveMinutes() throws Exception {
    Path dataDir = Files.createDirectory(tmp.resolve("data"));
    EmbeddedIssuer issuer = EmbeddedIssuer.loadOrCreate(dataDir);
    AdminOptions options = parse(Map.of(), "--data-dir", dataDir.toString()).admin;

    String token = options.bearerToken();

    SignedJWT jwt = SignedJWT.parse(token);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId());
    assertThat(claims.getSubject()).isEqualTo(EmbeddedIssuer.ADMIN_ID);
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void serverAndTokenComeFromTheEnvironmentUnlessGiven() {
    Map<String, String> env =
        Map.of("FLUXRP_SERVER", "https://rp.example:8443/", "FLUXRP_TOKEN", "env-token");

    AdminOptions fromEnv = parse(env).admin;
    AdminOptions fromOptions =
        parse(env, "--server", "http://127.0.0.1:9", "--token", "opt-token").admin;
    AdminOptions defaults = parse(Map.of()).admin;

    assertThat(fromEnv.server).isEqualTo(URI.create("https://rp.example:8443"));
    assertThat(fromEnv.bearerToken()).isEqualTo("env-token");
    assertThat(fromOptions.server).isEqualTo(URI.create("http://127.0.0.1:9"));
    assertThat(fromOptions.bearerToken()).isEqualTo("opt-token");
    assertThat(defaults.server).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(defaults.token).isNull();
    assertThat(defaults.dataDir)
        .isEqualTo(Path.of(System.getProperty("user.home"), ".fluxrp").toAbsolutePath());
  }

  @Test
  void badServerOrTokenIsAUsageError() {
    for (String[] args :
        List.of(
            new String[] {"--server", "localhost:8080"},
            new String[] {"--server", "ftp://host"},
            new String[] {"--server", "http://host?x=1"},
            new String[] {"--token", "two words"},
            new String[] {"--token", " "})) {
      Cli result = Cli.run(concat(new String[] {"clusters", "list"}, args));

      assertThat(result.exitCode()).as(args[1]).isEqualTo(2);
      assertThat(result.err()).as(args[1]).contains(args[0]);
      assertThat(result.out()).as(args[1]).isEmpty();
    }
  }

  @Test
  void unreachableServerIsOneLineNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    for (String[] args :
        List.of(new String[] {"list"}, new String[] {"show", ID}, new String[] {"register", ID})) {
      Cli result =
          Cli.run(
              concat(
                  new String[] {"clusters"}, args, new String[] {"--server", url, "--token", "t"}));

      assertThat(result.exitCode()).as(args[0]).isEqualTo(1);
      assertThat(result.out()).as(args[0]).isEmpty();
      assertThat(result.err())
          .as(args[0])
          .isEqualTo(
              "fluxrp: cannot reach the fluxrp server at "
                  + url
                  + ": connection refused"
                  + System.lineSeparator());
    }
  }

  @Test
  void credentialFileIsRefusedForEmulatedClusters() {
    Cli result =
        Cli.run(
            "clusters",
            "register",
            ID,
            "--kind",
            "emulated",
            "--credential-file",
            tmp.resolve("cred").toString(),
            "--token",
            "t");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--credential-file needs --kind agent");
    assertThat(tmp.resolve("cred")).doesNotExist();
  }

  @Test
  void badKindOrOutputIsAUsageError() {
    assertThat(Cli.run("clusters", "register", ID, "--kind", "real").exitCode()).isEqualTo(2);
    assertThat(Cli.run("clusters", "list", "-o", "yaml").exitCode()).isEqualTo(2);
    assertThat(Cli.run("clusters", "show", ID, "-o", "table").exitCode()).isEqualTo(2);
  }

  @Test
  void helpAndMissingSubcommand() {
    Cli help = Cli.run("clusters", "--help");
    Cli none = Cli.run("clusters");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("register", "list", "show", "remove", "rotate-credential");
    assertThat(Cli.run("--help").out()).contains("clusters");
    assertThat(Cli.run("clusters", "register", "--help").out())
        .contains(
            "--kind",
            "--credential-file",
            "--server",
            "FLUXRP_SERVER",
            "--token",
            "FLUXRP_TOKEN",
            "--data-dir");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("Missing required subcommand");
  }

  @Test
  void tableColumnsArePaddedWithoutTrailingSpaces() {
    assertThat(
            ClustersListCommand.table(
                List.of(List.of("ID", "KIND", "N"), List.of("/subscriptions/a", "agent", "10"))))
        .containsExactly("ID                KIND   N", "/subscriptions/a  agent  10");
  }

  private static ClustersRegisterCommand parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    CommandLine.ParseResult result =
        cmd.parseArgs(concat(new String[] {"clusters", "register", ID}, args));
    return (ClustersRegisterCommand) result.subcommand().subcommand().commandSpec().userObject();
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
