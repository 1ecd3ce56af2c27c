package io.fluxrp.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.FluxAgent;
import io.fluxrp.agent.KubernetesConnection;
import io.fluxrp.agent.health.HealthEndpoints;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * What {@code fluxrp agent} runs: the Kubernetes client, the health endpoints and the agent,
 * started in this order and closed in the reverse one (the agent first: its graceful stop still
 * uses the client).
 */
final class AgentRuntime implements AutoCloseable {

  /** A running agent as the runtime sees it. */
  interface Agent extends AutoCloseable {
    /** False once broken beyond repair. */
    boolean live();

    /** True once it serves the cluster. */
    boolean ready();

    @Override
    void close();
  }

  /** Starts an agent and returns at once. */
  @FunctionalInterface
  interface Starter {
    Agent start(AgentSettings settings, KubernetesClient kubernetes);
  }

  /** The real agent. */
  static final Starter FLUX_AGENT =
      (settings, kubernetes) -> {
        FluxAgent agent = FluxAgent.start(settings, kubernetes, Clock.systemUTC());
        return new Agent() {
          @Override
          public boolean live() {
            return agent.live();
          }

          @Override
          public boolean ready() {
            return agent.ready();
          }

          @Override
          public void close() {
            agent.close();
          }
        };
      };

  private final KubernetesClient kubernetes;
  private final HealthEndpoints health;
  private final Agent agent;

  private AgentRuntime(KubernetesClient kubernetes, HealthEndpoints health, Agent agent) {
    this.kubernetes = kubernetes;
    this.health = health;
    this.agent = agent;
  }

  /**
   * Starts everything; on a failure closes what was started and throws a {@link CliException}
   * naming the step. Until the agent has started, {@code /livez} answers 200 and {@code /readyz}
   * 503.
   */
  static AgentRuntime start(AgentSettings settings, Starter starter) {
    KubernetesClient kubernetes;
    try {
      kubernetes = KubernetesConnection.open(settings);
    } catch (RuntimeException e) {
      throw new CliException("cannot configure the Kubernetes client: " + Errors.oneLine(e), e);
    }
    HealthEndpoints health = null;
    try {
      AtomicReference<Agent> started = new AtomicReference<>();
      health = startHealth(settings.healthPort(), started);
      try {
        started.set(starter.start(settings, kubernetes));
      } catch (RuntimeException e) {
        throw new CliException("cannot start the agent: " + Errors.oneLine(e), e);
      }
      return new AgentRuntime(kubernetes, health, started.get());
    } catch (RuntimeException | Error e) {
      if (health != null) {
        health.close();
      }
      kubernetes.close();
      throw e;
    }
  }

  private static HealthEndpoints startHealth(int port, AtomicReference<Agent> agent) {
    if (port < 0) {
      return null;
    }
    try {
      return HealthEndpoints.start(
          port,
          () -> agent.get() == null || agent.get().live(),
          () -> agent.get() != null && agent.get().ready());
    } catch (RuntimeException e) {
      throw new CliException(
          Errors.oneLine(e) + " (choose another with --health-port or FLUXRP_HEALTH_PORT)", e);
    }
  }

  /** The API server the client talks to. */
  String kubernetesApi() {
    return kubernetes.getMasterUrl().toString();
  }

  /** The port of the health endpoints; -1 when they are off. */
  int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** Stops the agent gracefully, then the health endpoints, then the Kubernetes client. */
  @Override
  public void close() {
    try {
      agent.close();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(AgentRuntime.class)
          .error("the agent did not stop cleanly: {}", Errors.oneLine(e));
    } finally {
      try {
        if (health != null) {
          health.close();
        }
      } finally {
        kubernetes.close();
      }
    }
  }
}
