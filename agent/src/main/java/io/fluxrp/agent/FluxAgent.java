package io.fluxrp.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * One running agent: the desired-state feed and the Flux objects of one cluster, reconciled.
 *
 * <p>Under construction in this commit: the runtime lands with the loop.
 */
public final class FluxAgent implements AutoCloseable {

  private FluxAgent() {}

  /**
   * Starts the informers, then the feed loop and the workers (they start once the informers have
   * synced). Returns at once.
   */
  public static FluxAgent start(AgentSettings settings, KubernetesClient kubernetes, Clock clock) {
    throw new UnsupportedOperationException("the agent loop lands in the next commit");
  }

  /** False once the agent is broken beyond repair (a restart is the fix). */
  public boolean live() {
    return true;
  }

  /** True once the informers have synced and the feed has answered at least once. */
  public boolean ready() {
    return false;
  }

  /**
   * Graceful stop: no new feed polls, in-flight work finishes (bounded), a last report is sent,
   * informers close. The Kubernetes client stays open (the caller owns it).
   */
  @Override
  public void close() {}
}
