package io.fluxrp.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.KubernetesConnection;
import io.fluxrp.agent.feed.AgentState;
import io.fluxrp.agent.feed.ServerClient;
import io.fluxrp.agent.feed.TokenFile;
import io.fluxrp.agent.fluxobjects.ConfigurationSpec;
import io.fluxrp.agent.fluxobjects.FluxApis;
import io.fluxrp.agent.fluxobjects.FluxObjectFactory;
import io.fluxrp.agent.kube.ClusterFacts;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.agentapi.DesiredPage;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of the scale benchmark: the writes the agent makes for the cluster's configurations
 * (each desired state stored as a Secret; the namespace read, created if missing; every object
 * server-side applied), done by a bare loop of {@code threads} threads with the agent's own classes
 * (its Kubernetes client on the JDK's HTTP client, {@link KubeApi}, {@link AgentState}, {@link
 * FluxObjectFactory}) into a fresh test API server: no feed, informers, queue or reports.
 */
final class ApplyCeiling {
  /** How long the writes of {@code configurations} took, {@code requests} requests in all. */
  record Result(int configurations, long requests, Duration elapsed) {
    double configurationsPerSecond() {
      return configurations / (elapsed.toNanos() / 1e9);
    }

    double requestsPerSecond() {
      return requests / (elapsed.toNanos() / 1e9);
    }
  }

  private ApplyCeiling() {}

  /** The cluster's desired states, read from its feed as the agent reads them. */
  static List<DesiredEntry> desiredEntries(AgentCluster cluster) {
    ServerClient feed =
        new ServerClient(
            cluster.server.baseUri(),
            AgentCluster.CLUSTER_ID,
            new TokenFile(cluster.tokenFile),
            null);
    List<DesiredEntry> entries = new ArrayList<>();
    long since = 0;
    DesiredPage page;
    do {
      page = feed.desired(since, Duration.ZERO, 500);
      entries.addAll(page.entries());
      since = page.seq();
    } while (page.more());
    return entries;
  }

  static Result measure(AgentCluster cluster, List<DesiredEntry> entries, int threads, Path dir)
      throws Exception {
    try (TestKubernetes fresh = TestKubernetes.start()) {
      fresh.recordRequests(false);
      AgentSettings settings =
          cluster.settings(
              AgentSettings.DEFAULT_DEBOUNCE, AgentProcess.kubeconfig(fresh.url(), dir));
      try (KubernetesClient client = KubernetesConnection.open(settings)) {
        KubeApi kube = new KubeApi(client);
        FluxApis apis = ClusterFacts.read(kube).apis();
        AgentState state =
            new AgentState(kube, AgentSettings.DEFAULT_STATE_NAMESPACE, AgentCluster.CLUSTER_ID);
        state.prepare();
        AtomicLong requests = new AtomicLong();
        Duration took =
            Spread.run(
                "fluxrp-bench-ceiling",
                threads,
                entries.size(),
                i -> requests.addAndGet(write(kube, state, apis, entries.get(i))));
        return new Result(entries.size(), requests.get(), took);
      }
    }
  }

  /** The agent's writes for one configuration; how many requests they took. */
  private static int write(KubeApi kube, AgentState state, FluxApis apis, DesiredEntry entry) {
    state.saveDesired(entry);
    FluxConfigurationProperties properties;
    try {
      properties = Json.mapper().treeToValue(entry.properties(), FluxConfigurationProperties.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ConfigurationSpec spec =
        new ConfigurationSpec(entry.name(), entry.generation(), entry.operationId(), properties);
    int requests = 1;
    for (GenericKubernetesResource object :
        FluxObjectFactory.build(spec, apis, Optional.empty()).objects()) {
      if ("Namespace".equals(object.getKind())) {
        kube.createNamespaceIfMissing(object);
      } else {
        kube.apply(object);
      }
      requests++;
    }
    return requests;
  }
}
