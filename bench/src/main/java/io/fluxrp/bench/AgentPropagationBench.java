package io.fluxrp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.FluxAgent;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.Behaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The agent's propagation latencies, everything but the agent in this JVM ({@link AgentCluster}),
 * the agent too (in-process, {@link FluxAgent#start}, defaults except no health port).
 *
 * <p>(a) PUT → Flux objects: {@code -Dbench.puts} (default 100) PUTs of a new configuration (a
 * GitRepository and two Kustomizations in a namespace of its own), one after the other, each waited
 * for until Succeeded, Compliant and the agent and fake Flux idle; the latency runs from the PUT's
 * answer to the moment the bench's own watch sees the second Kustomization. Split by when the API
 * server received the agent's write of the configuration's desired state (feed) and its first
 * request for the configuration's objects (the namespace read). {@code -Dbench.warmupPuts} (default
 * 20) unmeasured ones first. Goal: p50 < 200 ms, p99 < 1 s.
 *
 * <p>(b) Flux status → GET: {@code -Dbench.flips} (default 100) times, fake Flux's behaviour of a
 * Kustomization flips between BuildFailed and Ready (10 configurations in turn); the latency runs
 * from the flip (or from the status write, as the bench's watch sees it) to the first GET, polled
 * every 5 ms from another thread, showing the new complianceState. With the default report debounce
 * (1 s), then with 100 ms; also split by whether the flip came before the agent's second heartbeat
 * (60 s after its start): a heartbeat that falls into an open debounce window leaves a second flush
 * schedule running, so that later reports go out more often than the debounce says. Goal: < 2 s.
 */
public final class AgentPropagationBench {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String DESIRED_SECRETS =
      "/api/v1/namespaces/" + AgentSettings.DEFAULT_STATE_NAMESPACE + "/secrets/fluxrp-desired-";
  private static final int FLIP_CONFIGURATIONS = 10;

  private AgentPropagationBench() {}

  public static void main(String[] args) throws Exception {
    Bench.logTo("bench/target/agent-bench.log");
    Bench.header("agent: PUT → Flux objects in the API server; Flux status → GET");
    putToObjects(Integer.getInteger("bench.warmupPuts", 20), Integer.getInteger("bench.puts", 100));
    int flips = Integer.getInteger("bench.flips", 100);
    statusToGet(flips, AgentSettings.DEFAULT_DEBOUNCE);
    statusToGet(flips, Duration.ofMillis(100));
    System.exit(0); // informer and HTTP client threads must not keep the JVM alive
  }

  /** One PUT's times, nanoseconds from its answer: desired state stored, work begun, visible. */
  private record Propagation(long feed, long started, long visible) {}

  private static void putToObjects(int warmup, int puts) throws Exception {
    try (AgentCluster cluster = AgentCluster.start(true);
        KustomizationWatch watch =
            new KustomizationWatch(cluster.kube.newClient("fluxrp-bench-watch"))) {
      RequestTimes requests =
          RequestTimes.observe(
              cluster.kube,
              path ->
                  path.startsWith(DESIRED_SECRETS)
                      || path.matches("/api/v1/namespaces/(warm|prop)-[0-9]+"));
      FluxAgent agent = cluster.startAgent(AgentSettings.DEFAULT_DEBOUNCE);
      Await.until("the agent is ready", agent::ready);
      for (int i = 0; i < warmup; i++) {
        propagate(cluster, watch, requests, agent, "warm-" + i);
      }
      List<Long> visible = new ArrayList<>();
      List<Long> feed = new ArrayList<>();
      List<Long> queued = new ArrayList<>();
      List<Long> apply = new ArrayList<>();
      for (int i = 0; i < puts; i++) {
        Propagation p = propagate(cluster, watch, requests, agent, "prop-" + i);
        visible.add(p.visible());
        feed.add(p.feed());
        queued.add(p.started() - p.feed());
        apply.add(p.visible() - p.started());
      }
      agent.close();
      Bench.line(
          "(a) PUT answered → both Kustomizations visible to a watch (%d PUTs after %d"
              + " unmeasured): %s",
          puts, warmup, Latencies.of(visible).summary());
      Bench.line(
          "    of which PUT answered → agent stores the desired state: %s",
          Latencies.of(feed).summary());
      Bench.line(
          "    desired state stored → first request for the objects: %s",
          Latencies.of(queued).summary());
      Bench.line(
          "    first request → both Kustomizations visible: %s", Latencies.of(apply).summary());
      Bench.line(
          "RESULT PUT → Flux objects p50 %.1f ms (goal < 200 ms), p99 %.1f ms (goal < 1000 ms)",
          Latencies.of(visible).millis(50), Latencies.of(visible).millis(99));
    }
  }

  private static Propagation propagate(
      AgentCluster cluster,
      KustomizationWatch watch,
      RequestTimes requests,
      FluxAgent agent,
      String name)
      throws InterruptedException {
    cluster.arm.put(AgentCluster.config(name), AgentCluster.gitConfiguration(name)).expect(201);
    long answered = System.nanoTime();
    long visible =
        Math.max(
            watch.awaitVisible(name, name + "-a", TIMEOUT),
            watch.awaitVisible(name, name + "-b", TIMEOUT));
    awaitSettled(cluster, agent, name, "Compliant");
    long stored = arrival(requests, "PATCH", DESIRED_SECRETS + name);
    long started = arrival(requests, "GET", "/api/v1/namespaces/" + name);
    return new Propagation(stored - answered, started - answered, visible - answered);
  }

  private static long arrival(RequestTimes requests, String method, String path) {
    OptionalLong at = requests.first(method, path);
    if (at.isEmpty()) {
      throw new IllegalStateException("the API server never received " + method + " " + path);
    }
    return at.getAsLong();
  }

  /** Waits until GET shows Succeeded and {@code compliance}, and the agent and Flux are idle. */
  private static void awaitSettled(
      AgentCluster cluster, FluxAgent agent, String name, String compliance) {
    Await.until(
        name + " Succeeded and " + compliance,
        () -> {
          JsonNode properties =
              cluster.arm.get(AgentCluster.config(name)).expect(200).json().path("properties");
          return properties.path("provisioningState").asText().equals("Succeeded")
              && properties.path("complianceState").asText().equals(compliance);
        });
    Await.until("the agent is idle", () -> agent.pending() == 0);
    cluster.flux.awaitIdle();
  }

  private static void statusToGet(int flips, Duration debounce) throws Exception {
    try (AgentCluster cluster = AgentCluster.start(true);
        KustomizationWatch watch =
            new KustomizationWatch(cluster.kube.newClient("fluxrp-bench-watch"))) {
      long agentStarted = System.nanoTime();
      FluxAgent agent = cluster.startAgent(debounce);
      Await.until("the agent is ready", agent::ready);
      for (int c = 0; c < FLIP_CONFIGURATIONS; c++) {
        String name = "flip-" + c;
        cluster.arm.put(AgentCluster.config(name), AgentCluster.gitConfiguration(name)).expect(201);
      }
      for (int c = 0; c < FLIP_CONFIGURATIONS; c++) {
        awaitSettled(cluster, agent, "flip-" + c, "Compliant");
      }
      boolean[] failing = new boolean[FLIP_CONFIGURATIONS];
      List<Long> fromFlip = new ArrayList<>();
      List<Long> fromStatus = new ArrayList<>();
      List<Long> beforeHeartbeat = new ArrayList<>();
      List<Long> afterHeartbeat = new ArrayList<>();
      int warmup = FLIP_CONFIGURATIONS;
      for (int j = 0; j < warmup + flips; j++) {
        int c = j % FLIP_CONFIGURATIONS;
        String name = "flip-" + c;
        boolean fail = !failing[c];
        failing[c] = fail;
        String compliance = fail ? "Non-Compliant" : "Compliant";
        try (GetPoller poller =
            GetPoller.start(cluster.arm, AgentCluster.config(name), compliance)) {
          long flipped = System.nanoTime();
          cluster.flux.behave(
              "Kustomization",
              name,
              name + "-a",
              fail ? Behaviour.buildFailed() : Behaviour.ready());
          long shown = poller.await(TIMEOUT);
          long written = watch.awaitReady(name, name + "-a", fail ? "False" : "True", TIMEOUT);
          if (j >= warmup) {
            fromFlip.add(shown - flipped);
            fromStatus.add(shown - written);
            boolean beforeFirstHeartbeat =
                flipped - agentStarted < AgentSettings.DEFAULT_HEARTBEAT.toNanos();
            (beforeFirstHeartbeat ? beforeHeartbeat : afterHeartbeat).add(shown - flipped);
          }
        }
        awaitSettled(cluster, agent, name, compliance);
      }
      agent.close();
      Bench.line(
          "(b) report debounce %d ms, %d flips after %d unmeasured, GET polled every %d ms:",
          debounce.toMillis(), flips, warmup, GetPoller.INTERVAL.toMillis());
      Bench.line(
          "    behaviour flipped → GET shows the new complianceState: %s",
          Latencies.of(fromFlip).summary());
      Bench.line(
          "    status written (watch) → GET shows it: %s", Latencies.of(fromStatus).summary());
      Bench.line(
          "    flipped in the agent's first %d s (before its second heartbeat): %s",
          AgentSettings.DEFAULT_HEARTBEAT.toSeconds(), Latencies.of(beforeHeartbeat).summary());
      Bench.line("    flipped later: %s", Latencies.of(afterHeartbeat).summary());
      Bench.line(
          "RESULT Flux status → GET (debounce %d ms) p50 %.1f ms, max %.1f ms (goal < 2000 ms)",
          debounce.toMillis(),
          Latencies.of(fromFlip).millis(50),
          Latencies.of(fromFlip).millis(100));
    }
  }
}
