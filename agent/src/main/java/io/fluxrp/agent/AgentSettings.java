package io.fluxrp.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one agent runs.
 *
 * @param server the fluxrp server's base URI (e.g. {@code https://fluxrp.example.com})
 * @param clusterId the ARM id of the cluster this agent serves (as registered)
 * @param tokenFile file holding the cluster's agent credential ({@code fxa_...}); read again when
 *     the server answers 401, so a rotated Secret takes effect without a restart
 * @param serverCaCertificate PEM file of the CA that signed the server's certificate (null: the
 *     JDK's trust store)
 * @param kubeconfig kubeconfig file (null: {@code KUBECONFIG}, {@code ~/.kube/config}, then the
 *     in-cluster service account)
 * @param kubeContext context in the kubeconfig (null: its current context)
 * @param stateNamespace namespace of the ConfigMap that keeps the feed position across restarts
 * @param workers loop threads working on configurations (each configuration by one at a time)
 * @param resyncInterval every configuration is checked again this often (drift repair)
 * @param heartbeatInterval a report is sent at least this often, also when nothing changed
 * @param reportDebounce status changes within this time go into one report
 * @param deleteStepTimeout how long one deletion step may wait (e.g. for Flux's finalizers)
 * @param healthPort port of {@code /livez} and {@code /readyz} (0: any free port; -1: none)
 */
public record AgentSettings(
    URI server,
    String clusterId,
    Path tokenFile,
    Path serverCaCertificate,
    Path kubeconfig,
    String kubeContext,
    String stateNamespace,
    int workers,
    Duration resyncInterval,
    Duration heartbeatInterval,
    Duration reportDebounce,
    Duration deleteStepTimeout,
    int healthPort) {

  public static final String DEFAULT_STATE_NAMESPACE = "fluxrp-system";
  public static final int DEFAULT_WORKERS = 4;
  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_DELETE_STEP_TIMEOUT = Duration.ofMinutes(2);
  public static final int DEFAULT_HEALTH_PORT = 8081;

  public AgentSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(stateNamespace, "stateNamespace");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    requirePositive(resyncInterval, "resyncInterval");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(reportDebounce, "reportDebounce");
    requirePositive(deleteStepTimeout, "deleteStepTimeout");
  }

  /** Settings with every default; the three required values given. */
  public static AgentSettings defaults(URI server, String clusterId, Path tokenFile) {
    return new AgentSettings(
        server,
        clusterId,
        tokenFile,
        null,
        null,
        null,
        DEFAULT_STATE_NAMESPACE,
        DEFAULT_WORKERS,
        DEFAULT_RESYNC,
        DEFAULT_HEARTBEAT,
        DEFAULT_DEBOUNCE,
        DEFAULT_DELETE_STEP_TIMEOUT,
        DEFAULT_HEALTH_PORT);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
