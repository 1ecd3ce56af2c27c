package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.TestServer;
import io.fluxrp.server.tls.TlsSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code fluxrp clusters ...} against a real server's admin API. */
class ClustersCommandTest {

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  private static final String CREDENTIAL = "fxa_[A-Za-z0-9_-]{43}";
  private static final String NL = System.lineSeparator();
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

  @TempDir Path tmp;

  /** A cluster id of its own for each test (the server is shared by the class). */
  private static String newId(String name) {
    return "/subscriptions/cli-"
        + UUID.randomUUID().toString().substring(0, 8)
        + "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/"
        + name;
  }

  /** {@code fluxrp clusters ARGS --server URL --token TOKEN}. */
  private static Cli clusters(String... args) {
    String token = server.test().server().mintAdminToken(Duration.ofMinutes(10));
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--server";
    all[args.length + 1] = client.base().toString();
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    return Cli.run(Stream.concat(Stream.of("clusters"), Arrays.stream(all)).toArray(String[]::new));
  }

  /** The agent API's desired state of {@code id}, read with {@code credential}. */
  private static ArmClient.Response desired(String id, String credential) {
    return client.send(
        "GET",
        "/agent/v1/desired?cluster=" + URLEncoder.encode(id, StandardCharsets.UTF_8),
        null,
        Map.of("Authorization", "Bearer " + credential));
  }

  private static String register(String id, String kind) {
    Cli result = clusters("register", id, "--kind", kind);
    assertThat(result.exitCode()).as("%s", result).isZero();
    return result.out().strip();
  }

  @Test
  void registerAgentPrintsOnlyTheCredentialAndItWorks() {
    String id = newId("agent1");

    Cli result = clusters("register", id);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches(CREDENTIAL + NL);
    assertThat(result.err())
        .isEqualTo(
            "Registered cluster "
                + id
                + " (kind agent). Its agent credential, printed on stdout, is shown only this"
                + " once."
                + NL);
    String credential = result.out().strip();
    ArmClient.Response feed = desired(id, credential);
    assertThat(feed.status()).as("%s", feed).isEqualTo(200);
    assertThat(feed.json().path("clusterId").asText()).isEqualTo(id);
    assertThat(desired(id, "fxa_" + "A".repeat(43)).status()).isEqualTo(401);
  }

  @Test
  void registerEmulatedPrintsNothingOnStdout() {
    String id = newId("emulated1");

    Cli result = clusters("register", id, "--kind", "emulated");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("Registered cluster " + id + " (kind emulated)." + NL);
    Cli show = clusters("show", id);
    assertThat(show.out()).contains("kind: emulated" + NL, "connectionState: Emulated" + NL);
  }

  @Test
  void registerAgainWithTheSameKindChangesNothing() {
    String id = newId("again");
    String credential = register(id, "agent");

    Cli again =
        clusters(
            "register",
            id.toUpperCase(java.util.Locale.ROOT).replace("/SUBSCRIPTIONS/", "/subscriptions/"));

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEmpty();
    assertThat(again.err())
        .isEqualTo(
            "Cluster "
                + id
                + " is registered already (kind agent): nothing changed, its credential stays"
                + " (rotate-credential makes a new one)."
                + NL);
    assertThat(desired(id, credential).status()).isEqualTo(200);

    String emulated = newId("again-emulated");
    register(emulated, "emulated");
    Cli emulatedAgain = clusters("register", emulated, "--kind", "emulated");
    assertThat(emulatedAgain.exitCode()).isZero();
    assertThat(emulatedAgain.out()).isEmpty();
    assertThat(emulatedAgain.err())
        .isEqualTo(
            "Cluster " + emulated + " was registered already; it is of kind emulated now." + NL);
  }

  @Test
  void kindChangeToAgentPrintsANewCredential() {
    String id = newId("change");
    register(id, "emulated");

    Cli result = clusters("register", id, "--kind", "agent");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches(CREDENTIAL + NL);
    assertThat(result.err())
        .startsWith(
            "Changed cluster " + id + " to kind agent. Its agent credential, printed on stdout");
    assertThat(desired(id, result.out().strip()).status()).isEqualTo(200);
  }

  @Test
  void listShowsEveryClusterAsTableAndJson() throws Exception {
    String sub = "/subscriptions/list-" + UUID.randomUUID().toString().substring(0, 8);
    String a = sub + "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/a";
    String b = sub + "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/b";
    String c = sub + "/resourceGroups/rg2/providers/Microsoft.Kubernetes/connectedClusters/c";
    register(b, "emulated");
    register(c, "agent");
    register(a, "agent");
    String config = b + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg1";
    assertThat(client.put(ArmClient.v(config), Bodies.git()).status()).isEqualTo(201);

    Cli table = clusters("list");
    Cli json = clusters("list", "-o", "json");

    assertThat(table.exitCode()).isZero();
    assertThat(table.err()).isEmpty();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +KIND +STATE +LAST SEEN +CONFIGURATIONS");
    List<String> ours =
        lines.stream().filter(l -> l.startsWith(sub)).map(l -> l.replaceAll(" +", " ")).toList();
    assertThat(ours)
        .containsExactly(
            a + " agent NeverConnected - 0",
            b + " emulated Emulated - 1",
            c + " agent NeverConnected - 0");
    int width = lines.get(0).indexOf("KIND");
    assertThat(lines).allSatisfy(l -> assertThat(l.charAt(width - 1)).isEqualTo(' '));

    assertThat(json.exitCode()).isZero();
    JsonNode array = Json.mapper().readTree(json.out());
    assertThat(array.isArray()).isTrue();
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.path("id").asText()));
    assertThat(ids).containsSubsequence(a, b, c);
    assertThat(array.size()).isEqualTo(lines.size() - 1);
    JsonNode bNode = array.get(ids.indexOf(b));
    assertThat(bNode.path("kind").asText()).isEqualTo("emulated");
    assertThat(bNode.path("configurations").asInt()).isEqualTo(1);
    assertThat(json.out()).doesNotContain("credential");
  }

  @Test
  void showAsTextAndJson() throws Exception {
    String id = newId("show1").replace("/rg1/", "/rg.(x)-1/");
    register(id, "agent");

    Cli text = clusters("show", id);
    Cli json = clusters("show", id, "-o", "json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.err()).isEmpty();
    assertThat(text.out().lines())
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo("id: " + id),
            l -> assertThat(l).isEqualTo("kind: agent"),
            l -> assertThat(l).matches("registeredAt: " + TIME),
            l -> assertThat(l).isEqualTo("lastSeenAt: -"),
            l -> assertThat(l).isEqualTo("connectionState: NeverConnected"),
            l -> assertThat(l).isEqualTo("agentVersion: -"),
            l -> assertThat(l).isEqualTo("fluxVersion: -"),
            l -> assertThat(l).isEqualTo("kubernetesVersion: -"),
            l -> assertThat(l).isEqualTo("configurations: 0"));
    assertThat(json.exitCode()).isZero();
    JsonNode body = Json.mapper().readTree(json.out());
    assertThat(body.path("id").asText()).isEqualTo(id);
    assertThat(body.path("kind").asText()).isEqualTo("agent");
    assertThat(body.path("connectionState").asText()).isEqualTo("NeverConnected");
    assertThat(body.has("lastSeenAt")).isFalse();
    assertThat(body.has("credential")).isFalse();
  }

  @Test
  void showOfAnUnknownClusterIsResourceNotFound() {
    String id = newId("nobody");

    Cli result = clusters("show", id);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("fluxrp: ResourceNotFound: ").endsWith(NL);
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void anIdTheServerRefusesIsItsInvalidPathParameterError() {
    String id = newId("bad").replace("/subscriptions/cli-", "/subscriptions/a<b");

    Cli result = clusters("register", id);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("fluxrp: InvalidPathParameter: The subscriptionId path segment 'a<b")
        .endsWith(NL);
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void removeRefusesAClusterWithConfigurationsUnlessForced() {
    String id = newId("remove1");
    register(id, "emulated");
    String config = id + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cfg1";
    ArmClient.Response put = client.put(ArmClient.v(config), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);

    Cli refused = clusters("remove", id);

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .startsWith("fluxrp: Conflict: ")
        .contains("still has 1 Flux configuration");
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(clusters("show", id).exitCode()).isZero();

    Cli forced = clusters("remove", id, "--force");

    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).isEmpty();
    assertThat(forced.err())
        .isEqualTo("Removed cluster " + id + ", with the Flux configurations it had." + NL);
    assertThat(clusters("show", id).err()).startsWith("fluxrp: ResourceNotFound: ");
    assertThat(client.get(ArmClient.v(config)).status()).isEqualTo(404);
  }

  @Test
  void removeWithoutConfigurations() {
    String id = newId("remove2");
    register(id, "agent");

    Cli removed = clusters("remove", id);
    Cli again = clusters("remove", id);

    assertThat(removed.exitCode()).isZero();
    assertThat(removed.err()).isEqualTo("Removed cluster " + id + "." + NL);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("fluxrp: ResourceNotFound: ");
  }

  @Test
  void rotateCredentialReplacesTheOldOne() {
    String id = newId("rotate1");
    String old = register(id, "agent");

    Cli result = clusters("rotate-credential", id);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches(CREDENTIAL + NL);
    String fresh = result.out().strip();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(result.err())
        .isEqualTo(
            "New agent credential for cluster "
                + id
                + ", printed on stdout, shown only this once; the old one no longer works."
                + NL);
    assertThat(desired(id, old).status()).isEqualTo(401);
    assertThat(desired(id, fresh).status()).isEqualTo(200);
  }

  @Test
  void revokeCredentialLocksTheAgentOutUntilARotation() {
    String id = newId("revoke1");
    String credential = register(id, "agent");

    Cli result = clusters("revoke-credential", id);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "Revoked the agent credential of cluster "
                + id
                + "; 'fluxrp clusters rotate-credential' issues a new one."
                + NL);
    assertThat(desired(id, credential).status()).isEqualTo(401);
    String fresh = clusters("rotate-credential", id).out().strip();
    assertThat(desired(id, fresh).status()).isEqualTo(200);
  }

  @Test
  void anHttpsServerIsReachedWithCacertAndRefusedWithoutIt() {
    try (TestServer https =
        TestServer.start(
            c ->
                c.withRunEmulatedClusters(false).toBuilder()
                    .tls(TlsSettings.generatedSelfSigned())
                    .build())) {
      String token = https.server().mintAdminToken(Duration.ofMinutes(5));
      String base = https.server().baseUri().toString();
      String cacert = https.dataDir().resolve("tls/localhost.crt").toString();

      Cli trusted =
          Cli.run("clusters", "list", "--server", base, "--token", token, "--cacert", cacert);
      Cli untrusted = Cli.run("clusters", "list", "--server", base, "--token", token);

      assertThat(trusted.exitCode()).as("%s", trusted).isZero();
      assertThat(trusted.err()).contains("No clusters registered.");
      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.err())
          .startsWith("fluxrp: cannot reach the fluxrp server at " + base)
          .contains("TLS certificate is not trusted", "--cacert");
    }
  }

  @Test
  void rotateCredentialOfAnEmulatedClusterIsAConflict() {
    String id = newId("rotate2");
    register(id, "emulated");

    Cli result = clusters("rotate-credential", id);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("fluxrp: Conflict: ");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void credentialFileIsCreatedWithMode0600() throws Exception {
    String id = newId("file1");
    Path file = tmp.resolve("agent.cred");

    Cli result = clusters("register", id, "--credential-file", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Its agent credential, written to " + file + ", is shown");
    assertThat(Files.readString(file)).matches(CREDENTIAL + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(desired(id, Files.readString(file).strip()).status()).isEqualTo(200);

    Path rotated = tmp.resolve("rotated.cred");
    Cli rotate = clusters("rotate-credential", id, "--credential-file", rotated.toString());
    assertThat(rotate.exitCode()).isZero();
    assertThat(rotate.out()).isEmpty();
    assertThat(Files.readString(rotated)).matches(CREDENTIAL + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rotated)))
        .isEqualTo("rw-------");
    assertThat(desired(id, Files.readString(rotated).strip()).status()).isEqualTo(200);
  }

  @Test
  void existingCredentialFileIsNotOverwrittenAndNothingIsRegistered() throws Exception {
    String id = newId("file2");
    Path file = Files.writeString(tmp.resolve("taken"), "keep me");

    Cli result = clusters("register", id, "--credential-file", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "fluxrp: " + file + " exists already; not overwriting it (choose another file)" + NL);
    assertThat(Files.readString(file)).isEqualTo("keep me");
    assertThat(clusters("show", id).err()).startsWith("fluxrp: ResourceNotFound: ");
  }

  @Test
  void noCredentialMeansNoFile() {
    String id = newId("file3");
    register(id, "agent");
    Path file = tmp.resolve("unused.cred");

    Cli result = clusters("register", id, "--credential-file", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("is registered already", file + " was not written.");
    assertThat(file).doesNotExist();
  }

  @Test
  void tokenIsMintedFromTheDataDirWhenNotGiven() {
    String id = newId("minted");
    String dataDir = server.test().dataDir().toString();

    Cli register =
        Cli.run(
            Map.of("FLUXRP_SERVER", client.base().toString()),
            "clusters",
            "register",
            id,
            "--kind",
            "emulated",
            "--data-dir",
            dataDir);
    Cli show =
        Cli.run(
            Map.of("FLUXRP_SERVER", client.base().toString(), "FLUXRP_DATA_DIR", dataDir),
            "clusters",
            "show",
            id);

    assertThat(register.exitCode()).as("%s", register).isZero();
    assertThat(show.exitCode()).as("%s", show).isZero();
    assertThat(show.out()).startsWith("id: " + id + NL);
  }

  @Test
  void aTokenTheServerRefusesIsOneLine() {
    Cli result =
        Cli.run("clusters", "list", "--server", client.base().toString(), "--token", "not.a.token");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("fluxrp: InvalidAuthenticationToken: ");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void tokenFromTheEnvironment() {
    String id = newId("env");
    register(id, "emulated");

    Cli result =
        Cli.run(
            Map.of(
                "FLUXRP_SERVER", client.base().toString(),
                "FLUXRP_TOKEN", server.test().server().mintAdminToken(Duration.ofMinutes(1))),
            "clusters",
            "show",
            id,
            "--data-dir",
            tmp.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).contains("kind: emulated");
  }
}
