package io.fluxrp.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxrp.agent.feed.AgentState;
import io.fluxrp.agent.feed.DesiredStates;
import io.fluxrp.agent.feed.FeedLoop;
import io.fluxrp.agent.feed.Reporter;
import io.fluxrp.agent.feed.ServerClient;
import io.fluxrp.agent.feed.TokenFile;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.sync.Controller;
import io.fluxrp.model.agentapi.AgentVersions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the desired-state feed of one cluster followed, its Flux objects reconciled,
 * their status reported.
 */
public final class FluxAgent implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Logger LOG = LoggerFactory.getLogger(FluxAgent.class);

  private final Controller controller;
  private final Reporter reporter;
  private final FeedLoop feed;
  private final Thread feedThread;
  private final ClusterFacts facts;

  private FluxAgent(Controller controller, Reporter reporter, FeedLoop feed, ClusterFacts facts) {
    this.controller = controller;
    this.reporter = reporter;
    this.feed = feed;
    this.facts = facts;
    this.feedThread = new Thread(feed, "fluxrp-agent-feed");
    feedThread.setDaemon(true);
  }

  /**
   * Reads what the cluster serves, loads the state the last run kept, starts the informers and
   * waits until they have synced, then starts the loop threads and the feed. Fails when the cluster
   * has no Flux CRDs or the token file is unreadable.
   */
  public static FluxAgent start(AgentSettings settings, KubernetesClient kubernetes, Clock clock) {
    KubeApi kube = new KubeApi(kubernetes);
    TokenFile token = new TokenFile(settings.tokenFile());
    ClusterFacts facts = ClusterFacts.read(kube);
    AgentState state = new AgentState(kube, settings.stateNamespace(), settings.clusterId());
    state.prepare();
    DesiredStates desired = new DesiredStates(state);
    desired.load();
    ServerClient server =
        new ServerClient(
            settings.server(), settings.clusterId(), token, settings.serverCaCertificate());
    AtomicReference<Controller> controllerRef = new AtomicReference<>();
    Reporter reporter =
        new Reporter(
            server,
            new AgentVersions(
                AgentVersion.current(), facts.fluxVersion(), facts.kubernetesVersion()),
            settings.reportDebounce(),
            settings.heartbeatInterval(),
            report -> controllerRef.get().delivered(report));
    Controller controller =
        new Controller(
            kube,
            facts,
            desired,
            reporter,
            clock,
            settings.workers(),
            settings.deleteStepTimeout());
    controllerRef.set(controller);
    controller.start(settings.resyncInterval());
    FeedLoop feed = new FeedLoop(server, state, desired, controller::changed);
    FluxAgent agent = new FluxAgent(controller, reporter, feed, facts);
    agent.feedThread.start();
    LOG.info(
        "agent for {} started: {} configurations known, Flux {}, Kubernetes {}",
        settings.clusterId(),
        desired.names().size(),
        orUnknown(facts.fluxVersion()),
        orUnknown(facts.kubernetesVersion()));
    return agent;
  }

  private static String orUnknown(String version) {
    return version == null ? "(version unknown)" : version;
  }

  /** False once the agent is broken beyond repair (a restart is the fix). */
  public boolean live() {
    return controller.alive() && feedThread.isAlive();
  }

  /** True once the informers have synced and the feed has answered at least once. */
  public boolean ready() {
    return controller.synced() && feed.answered();
  }

  /** Configurations waiting or being worked on; 0 when the agent is idle. */
  public int pending() {
    return controller.pending() + reporter.pendingCount();
  }

  public ClusterFacts clusterFacts() {
    return facts;
  }

  /**
   * Graceful stop: no new feed polls, in-flight work finishes (bounded), a last report is sent,
   * informers close. The Kubernetes client stays open (the caller owns it).
   */
  @Override
  public void close() {
    feed.stop();
    try {
      feedThread.join(STOP_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    controller.close();
    reporter.close();
  }
}
