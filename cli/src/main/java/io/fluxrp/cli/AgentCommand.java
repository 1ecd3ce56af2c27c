package io.fluxrp.cli;

import io.fluxrp.agent.AgentSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fluxrp agent}: runs the agent of one registered cluster until SIGTERM or Ctrl-C, then
 * stops it gracefully and exits 0. Logs go to stderr; nothing goes to stdout.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Run the agent of one registered cluster: it receives the cluster's Flux configurations"
          + " from the server, writes them as Flux objects through the Kubernetes API and reports"
          + " their state back.",
      "Runs until SIGTERM or Ctrl-C, then stops gracefully. Logs go to stderr.",
      "Environment: FLUXRP_LOG_FORMAT=text|json chooses the log format."
    })
final class AgentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      converter = AdminOptions.ServerUrlConverter.class,
      description = "The fluxrp server (env FLUXRP_SERVER).")
  URI server;

  @Option(
      names = "--cluster",
      required = true,
      paramLabel = "CLUSTER_ID",
      converter = ClusterId.Converter.class,
      description =
          "This cluster's ARM id, as registered: /subscriptions/.../connectedClusters/NAME"
              + " (env FLUXRP_CLUSTER_ID).")
  ClusterId cluster;

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "FILE",
      converter = DataDirOption.PathConverter.class,
      description =
          "The file holding the cluster's agent credential (fxa_...), e.g. a mounted Secret; read"
              + " again when the server refuses it, so a rotated credential needs no restart"
              + " (env FLUXRP_TOKEN_FILE).")
  Path tokenFile;

  @Option(
      names = "--server-cacert",
      paramLabel = "FILE",
      converter = DataDirOption.PathConverter.class,
      description =
          "Trust only the PEM certificate(s) in FILE for an https --server"
              + " (env FLUXRP_SERVER_CACERT; default: the JVM's trusted CAs).")
  Path serverCaCertificate;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      converter = DataDirOption.PathConverter.class,
      description =
          "The kubeconfig to reach the Kubernetes API with (default: as kubectl: KUBECONFIG,"
              + " ~/.kube/config, then the pod's service account).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      converter = ContextConverter.class,
      description =
          "The kubeconfig context to use (env FLUXRP_KUBE_CONTEXT; default: its current"
              + " context).")
  String context;

  @Option(
      names = "--state-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = AgentSettings.DEFAULT_STATE_NAMESPACE,
      converter = NamespaceConverter.class,
      description =
          "The namespace where the agent keeps its feed position and desired states, created when"
              + " missing (env FLUXRP_STATE_NAMESPACE; default: ${DEFAULT-VALUE}).")
  String stateNamespace;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "" + AgentSettings.DEFAULT_WORKERS,
      converter = ServeCommand.PositiveIntConverter.class,
      description =
          "Configurations worked on at once (env FLUXRP_WORKERS; default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--resync-interval",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      converter = TokenCommand.PositiveDurationConverter.class,
      description =
          "Every configuration is checked against the cluster this often, repairing drift, as an"
              + " ISO-8601 duration (env FLUXRP_RESYNC_INTERVAL; default: ${DEFAULT-VALUE}).")
  Duration resyncInterval;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      defaultValue = "PT1M",
      converter = TokenCommand.PositiveDurationConverter.class,
      description =
          "A report goes to the server at least this often, as an ISO-8601 duration; keep it well"
              + " below the server's --cluster-stale-after"
              + " (env FLUXRP_HEARTBEAT_INTERVAL; default: ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  @Option(
      names = "--delete-step-timeout",
      paramLabel = "DURATION",
      defaultValue = "PT2M",
      converter = TokenCommand.PositiveDurationConverter.class,
      description =
          "How long one step of a deletion may wait, e.g. for Flux to finalize a Kustomization,"
              + " as an ISO-8601 duration"
              + " (env FLUXRP_DELETE_STEP_TIMEOUT; default: ${DEFAULT-VALUE}).")
  Duration deleteStepTimeout;

  @Option(
      names = "--health-port",
      paramLabel = "PORT",
      defaultValue = "" + AgentSettings.DEFAULT_HEALTH_PORT,
      converter = HealthPortConverter.class,
      description =
          "Port of GET /livez and /readyz; 0 picks a free one, -1 turns them off"
              + " (env FLUXRP_HEALTH_PORT; default: ${DEFAULT-VALUE}).")
  int healthPort;

  /** Starts the agent; tests put a stand-in here. */
  AgentRuntime.Starter starter = AgentRuntime.FLUX_AGENT;

  /** Registers the action that stops the agent; tests call it themselves. */
  Consumer<Runnable> onTermination = Signals::onTermination;

  /** What the options say to run; reads no file. */
  AgentSettings settings() {
    return new AgentSettings(
        server,
        cluster.value(),
        tokenFile,
        serverCaCertificate,
        kubeconfig,
        context,
        stateNamespace,
        workers,
        resyncInterval,
        heartbeatInterval,
        AgentSettings.DEFAULT_DEBOUNCE,
        deleteStepTimeout,
        healthPort);
  }

  @Override
  public Integer call() throws InterruptedException {
    Logger log = LoggerFactory.getLogger(AgentCommand.class);
    AgentSettings settings = settings();
    checkTokenFile(settings.tokenFile());
    if (settings.serverCaCertificate() != null) {
      checkReadableFile(settings.serverCaCertificate(), "--server-cacert");
    }

    AgentRuntime runtime = AgentRuntime.start(settings, starter);
    Stopper stopper = new Stopper(runtime, log);
    Runtime.getRuntime().addShutdownHook(new Thread(stopper::stop, "fluxrp-agent-shutdown"));
    CountDownLatch stopRequested = new CountDownLatch(1);
    onTermination.accept(stopRequested::countDown);

    log.info(
        "fluxrp agent of cluster {} started: server {}, Kubernetes API {}, health endpoints {}",
        settings.clusterId(),
        settings.server(),
        runtime.kubernetesApi(),
        runtime.healthPort() < 0 ? "off" : "on port " + runtime.healthPort());

    stopRequested.await();
    stopper.stop();
    return 0;
  }

  /** The credential must be there before anything starts: a missing Secret is the usual slip. */
  static void checkTokenFile(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new CliException(
          "the token file "
              + file
              + " does not exist (it holds the cluster's agent credential, from 'fluxrp clusters"
              + " register')");
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read the token file " + file + ": permission denied");
    } catch (MalformedInputException e) {
      throw new CliException("the token file " + file + " is not text (UTF-8)");
    } catch (IOException e) {
      throw new CliException("cannot read the token file " + file + ": " + Errors.oneLine(e));
    }
    if (token.isEmpty()) {
      throw new CliException("the token file " + file + " is empty");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new CliException(
          "the token file "
              + file
              + " does not hold one credential: it has spaces, line breaks or non-ASCII"
              + " characters");
    }
  }

  private static void checkReadableFile(Path file, String option) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException(option + " " + file + " is not a readable file");
    }
  }

  /** Closes the runtime once, whichever comes first: a signal, the shutdown hook. */
  private static final class Stopper {
    private final AgentRuntime runtime;
    private final Logger log;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Stopper(AgentRuntime runtime, Logger log) {
      this.runtime = runtime;
      this.log = log;
    }

    void stop() {
      if (stopped.compareAndSet(false, true)) {
        log.info("fluxrp agent stopping");
        runtime.close();
        log.info("fluxrp agent stopped");
      }
    }
  }

  /** A kubeconfig context name: not blank. */
  static final class ContextConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip();
      if (v.isEmpty()) {
        throw new TypeConversionException("the context name is empty");
      }
      return v;
    }
  }

  /** A namespace name: an RFC 1123 label (lower-case letters, digits, '-'; at most 63). */
  static final class NamespaceConverter implements ITypeConverter<String> {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Override
    public String convert(String value) {
      String v = value.strip();
      if (!LABEL.matcher(v).matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a namespace name: lower-case letters, digits and '-', at most 63,"
                + " starting and ending with a letter or digit");
      }
      return v;
    }
  }

  /** -1 (off), 0 (any free port) or 1 to 65535. */
  static final class HealthPortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int p = Integer.parseInt(value.strip());
        if (p >= -1 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException(
          "'" + value + "' is not a port: -1 (off), 0 (any free port) or 1 to 65535");
    }
  }
}
