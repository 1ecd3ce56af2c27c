package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxrp.agent.AgentSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Options, environment and the start/stop sequence of {@code agent}, with a stand-in agent. */
class AgentCommandTest {

  static final String CLUSTER =
      "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes"
          + "/connectedClusters/prod-1";

  @TempDir Path tmp;
  private Path token;
  private Path kubeconfig;

  @BeforeEach
  void files() throws Exception {
    token = tmp.resolve("token");
    Files.writeString(token, "fxa_" + "a".repeat(43) + "\n");
    kubeconfig = tmp.resolve("kubeconfig");
    Kubeconfigs.write(kubeconfig, "https://kube.example:6443");
  }

  @Test
  void defaultsAreTheAgentsDefaults() {
    AgentSettings settings =
        parse(
                Map.of(),
                "--server",
                "http://fluxrp:8080/",
                "--cluster",
                CLUSTER,
                "--token-file",
                "t")
            .settings();

    assertThat(settings)
        .isEqualTo(
            AgentSettings.defaults(
                URI.create("http://fluxrp:8080"), CLUSTER, Path.of("t").toAbsolutePath()));
  }

  @Test
  void everyOptionComesFromTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("FLUXRP_SERVER", "https://fluxrp.example.com");
    env.put("FLUXRP_CLUSTER_ID", CLUSTER);
    env.put("FLUXRP_TOKEN_FILE", token.toString());
    env.put("FLUXRP_SERVER_CACERT", "/etc/ca.pem");
    env.put("FLUXRP_KUBE_CONTEXT", "prod");
    env.put("FLUXRP_STATE_NAMESPACE", "agent-state");
    env.put("FLUXRP_WORKERS", "8");
    env.put("FLUXRP_RESYNC_INTERVAL", "PT30M");
    env.put("FLUXRP_HEARTBEAT_INTERVAL", "PT20S");
    env.put("FLUXRP_DELETE_STEP_TIMEOUT", "PT5M");
    env.put("FLUXRP_HEALTH_PORT", "-1");

    AgentSettings settings = parse(env).settings();

    assertThat(settings.server()).isEqualTo(URI.create("https://fluxrp.example.com"));
    assertThat(settings.clusterId()).isEqualTo(CLUSTER);
    assertThat(settings.tokenFile()).isEqualTo(token);
    assertThat(settings.serverCaCertificate()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(settings.kubeContext()).isEqualTo("prod");
    assertThat(settings.stateNamespace()).isEqualTo("agent-state");
    assertThat(settings.workers()).isEqualTo(8);
    assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.deleteStepTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.healthPort()).isEqualTo(-1);
  }

  @Test
  void optionsWinOverTheEnvironment() {
    AgentSettings settings =
        parse(
                Map.of(
                    "FLUXRP_SERVER", "https://env.example",
                    "FLUXRP_CLUSTER_ID", CLUSTER.replace("prod-1", "env"),
                    "FLUXRP_TOKEN_FILE", "/env/token",
                    "FLUXRP_HEALTH_PORT", "9000"),
                "--server",
                "https://opt.example",
                "--cluster",
                CLUSTER,
                "--token-file",
                token.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--context",
                "test",
                "--health-port",
                "0")
            .settings();

    assertThat(settings.server()).isEqualTo(URI.create("https://opt.example"));
    assertThat(settings.clusterId()).isEqualTo(CLUSTER);
    assertThat(settings.tokenFile()).isEqualTo(token);
    assertThat(settings.kubeconfig()).isEqualTo(kubeconfig);
    assertThat(settings.kubeContext()).isEqualTo("test");
    assertThat(settings.healthPort()).isZero();
  }

  @Test
  void helpNamesEveryEnvironmentVariable() {
    assertThat(Cli.run("--help").out()).contains("agent");
    String help = Cli.run("agent", "--help").out();

    for (var option :
        Main.commandLine(Map.of()).getSubcommands().get("agent").getCommandSpec().options()) {
      String variable = EnvironmentDefaults.VARIABLES.get(option.longestName());
      if (variable != null) {
        assertThat(help).as(option.longestName()).contains(variable);
      }
    }
    assertThat(help).contains("FLUXRP_SERVER", "FLUXRP_CLUSTER_ID", "FLUXRP_TOKEN_FILE");
  }

  @Test
  void theThreeRequiredOptionsAreUsageErrorsWhenMissing() {
    Cli result = Cli.run("agent");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .contains("Missing required options")
        .contains("--server", "--cluster", "--token-file");
  }

  @Test
  void badValuesAreOneLineUsageErrors() {
    assertUsageError("--server", "ftp://fluxrp", "not an http(s) URL");
    assertUsageError("--cluster", "prod-1", "not a cluster id");
    assertUsageError("--health-port", "-2", "not a port");
    assertUsageError("--health-port", "65536", "not a port");
    assertUsageError("--workers", "0", "not a number from 1");
    assertUsageError("--resync-interval", "10m", "not an ISO-8601 duration");
    assertUsageError("--heartbeat-interval", "PT0S", "not longer than zero");
    assertUsageError("--delete-step-timeout", "-PT1M", "not longer than zero");
    assertUsageError("--state-namespace", "Flux_System", "not a namespace name");
    assertUsageError("--context", " ", "the context name is empty");
  }

  @Test
  void aMissingEmptyOrGarbledTokenFileStopsBeforeAnythingStarts() throws Exception {
    Path empty = tmp.resolve("empty");
    Files.writeString(empty, " \n");
    Path twoLines = tmp.resolve("two-lines");
    Files.writeString(twoLines, "fxa_one\nfxa_two\n");

    assertFailsBeforeStart(tmp.resolve("missing"), "does not exist");
    assertFailsBeforeStart(empty, "is empty");
    assertFailsBeforeStart(twoLines, "does not hold one credential");
    assertFailsBeforeStart(tmp, "cannot read the token file " + tmp);
  }

  @Test
  void anUnreadableServerCertificateStopsBeforeAnythingStarts() {
    FakeAgents agents = new FakeAgents();
    Run run =
        run(
            agents,
            new ArrayList<>(),
            "--server-cacert",
            tmp.resolve("ca.pem").toString(),
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "fluxrp: --server-cacert " + tmp.resolve("ca.pem") + " is not a readable file\n");
    assertThat(agents.started).isEmpty();
  }

  @Test
  void aBadKubeconfigIsAFailureBeforeTheAgentStarts() {
    FakeAgents agents = new FakeAgents();
    Run run = run(agents, new ArrayList<>(), "--kubeconfig", tmp.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("fluxrp: cannot configure the Kubernetes client: kubeconfig ")
        .contains("is not a readable file");
    assertThat(agents.started).isEmpty();
  }

  @Test
  void anAgentThatCannotStartIsAOneLineFailure() {
    AgentRuntime.Starter failing =
        (settings, kubernetes) -> {
          throw new IllegalStateException("the informers did not sync");
        };
    Run run = run(failing, new ArrayList<>(), "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("fluxrp: cannot start the agent: the informers did not sync\n");
  }

  @Test
  void runsUntilTerminatedThenClosesTheAgentAndExitsZero() throws Exception {
    FakeAgents agents = new FakeAgents();
    List<Runnable> stopActions = new ArrayList<>();
    CompletableFuture<Run> running =
        CompletableFuture.supplyAsync(
            () -> run(agents, stopActions, "--kubeconfig", kubeconfig.toString()));

    FakeAgent agent = agents.awaitStart();
    assertThat(agent.settings.clusterId()).isEqualTo(CLUSTER);
    assertThat(agent.settings.tokenFile()).isEqualTo(token);
    assertThat(agent.kubernetes.getMasterUrl()).hasToString("https://kube.example:6443/");
    assertThat(running).isNotDone();

    awaitRegistered(stopActions).run(); // what SIGTERM does

    Run run = running.get(30, TimeUnit.SECONDS);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(agent.closed).isTrue();
  }

  private void assertUsageError(String option, String value, String message) {
    Cli result =
        Cli.run(
            "agent",
            "--server",
            "http://fluxrp",
            "--cluster",
            CLUSTER,
            "--token-file",
            "t",
            option,
            value);

    assertThat(result.exitCode()).as(option + " " + value).isEqualTo(2);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .as(option + " " + value)
        .contains(option)
        .contains(message);
  }

  private void assertFailsBeforeStart(Path tokenFile, String message) {
    FakeAgents agents = new FakeAgents();
    CommandLine cmd = Main.commandLine(Map.of());
    AgentCommand command = agentCommand(cmd);
    command.starter = agents;
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));

    int code =
        cmd.execute(
            "agent",
            "--server",
            "http://fluxrp",
            "--cluster",
            CLUSTER,
            "--token-file",
            tokenFile.toString(),
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(code).as(message).isEqualTo(1);
    assertThat(err.toString()).startsWith("fluxrp: ").contains(message).hasLineCount(1);
    assertThat(agents.started).isEmpty();
  }

  /** {@code fluxrp agent} with the required options, health on any port, and {@code more}. */
  private Run run(AgentRuntime.Starter starter, List<Runnable> stopActions, String... more) {
    CommandLine cmd = Main.commandLine(Map.of());
    AgentCommand command = agentCommand(cmd);
    command.starter = starter;
    command.onTermination =
        action -> {
          synchronized (stopActions) {
            stopActions.add(action);
            stopActions.notifyAll();
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "agent",
                "--server",
                "http://fluxrp:8080",
                "--cluster",
                CLUSTER,
                "--token-file",
                token.toString(),
                "--health-port",
                "0"));
    args.addAll(List.of(more));
    int code = cmd.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static Runnable awaitRegistered(List<Runnable> stopActions) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    synchronized (stopActions) {
      while (stopActions.isEmpty()) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("the command registers its stop action").isPositive();
        stopActions.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
      return stopActions.get(0);
    }
  }

  private static AgentCommand agentCommand(CommandLine cmd) {
    return (AgentCommand) cmd.getSubcommands().get("agent").getCommand();
  }

  static AgentCommand parse(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "agent";
    System.arraycopy(args, 0, all, 1, args.length);
    ParseResult result = cmd.parseArgs(all);
    return (AgentCommand) result.subcommand().commandSpec().userObject();
  }

  private record Run(int exitCode, String out, String err) {}

  /** Records each start; the agents it hands out are live, ready and remember being closed. */
  static final class FakeAgents implements AgentRuntime.Starter {
    final List<FakeAgent> started = new ArrayList<>();
    private final CountDownLatch first = new CountDownLatch(1);

    @Override
    public synchronized AgentRuntime.Agent start(
        AgentSettings settings, KubernetesClient kubernetes) {
      FakeAgent agent = new FakeAgent(settings, kubernetes);
      started.add(agent);
      first.countDown();
      return agent;
    }

    FakeAgent awaitStart() throws InterruptedException {
      assertThat(first.await(30, TimeUnit.SECONDS)).as("the agent was started").isTrue();
      synchronized (this) {
        return started.get(0);
      }
    }
  }

  static final class FakeAgent implements AgentRuntime.Agent {
    final AgentSettings settings;
    final KubernetesClient kubernetes;
    volatile boolean live = true;
    volatile boolean ready = true;
    volatile boolean closed;

    FakeAgent(AgentSettings settings, KubernetesClient kubernetes) {
      this.settings = settings;
      this.kubernetes = kubernetes;
    }

    @Override
    public boolean live() {
      return live;
    }

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
