package io.fluxrp.agent.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent keeps in its cluster so a restart misses nothing and repeats nothing: the feed
 * position (a ConfigMap) and each configuration's last desired state (one Secret each: it holds
 * write-only values), all in the state namespace. A desired state is written before the position
 * that follows it, so after a crash the feed hands out at most what is stored already.
 */
public final class AgentState {
  static final String POSITION_NAME = "fluxrp-agent-feed";
  static final String DESIRED_PREFIX = "fluxrp-desired-";
  static final String DESIRED_LABEL = "fluxrp.io/desired-state";
  private static final String ENTRY_KEY = "entry.json";
  private static final ObjectMapper JSON = Json.mapper();

  private final KubeApi kube;
  private final String namespace;
  private final String clusterId;

  public AgentState(KubeApi kube, String namespace, String clusterId) {
    this.kube = kube;
    this.namespace = namespace;
    this.clusterId = clusterId;
  }

  /** Creates the state namespace when missing. */
  public void prepare() {
    kube.createNamespaceIfMissing(
        new GenericKubernetesResourceBuilder()
            .withApiVersion("v1")
            .withKind("Namespace")
            .withNewMetadata()
            .withName(namespace)
            .endMetadata()
            .build());
  }

  /** The saved feed position; 0 (a snapshot) when none, or when it was another cluster's. */
  public long position() {
    return kube.get(KubeKind.CONFIG_MAP, "v1", namespace, POSITION_NAME)
        .map(GenericKubernetesResource::getAdditionalProperties)
        .map(properties -> (Map<?, ?>) properties.get("data"))
        .filter(data -> clusterId.equals(data.get("clusterId")))
        .map(data -> Long.parseLong(String.valueOf(data.get("seq"))))
        .orElse(0L);
  }

  public void savePosition(long seq) {
    kube.apply(
        new GenericKubernetesResourceBuilder()
            .withApiVersion("v1")
            .withKind("ConfigMap")
            .withNewMetadata()
            .withName(POSITION_NAME)
            .withNamespace(namespace)
            .endMetadata()
            .addToAdditionalProperties(
                "data", Map.of("clusterId", clusterId, "seq", Long.toString(seq)))
            .build());
  }

  /** Every stored desired state, by configuration name. */
  public Map<String, DesiredEntry> desiredStates() {
    List<GenericKubernetesResource> secrets =
        kube.client()
            .genericKubernetesResources(KubeKind.SECRET.context("v1"))
            .inNamespace(namespace)
            .withLabel(DESIRED_LABEL, "true")
            .list()
            .getItems();
    Map<String, DesiredEntry> entries = new HashMap<>();
    for (GenericKubernetesResource secret : secrets) {
      entry(secret).ifPresent(entry -> entries.put(entry.name(), entry));
    }
    return entries;
  }

  public void saveDesired(DesiredEntry entry) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kube.apply(
        new GenericKubernetesResourceBuilder()
            .withApiVersion("v1")
            .withKind("Secret")
            .withNewMetadata()
            .withName(DESIRED_PREFIX + entry.name())
            .withNamespace(namespace)
            .addToLabels(DESIRED_LABEL, "true")
            .addToLabels("fluxrp.io/configuration", entry.name())
            .endMetadata()
            .addToAdditionalProperties("type", "Opaque")
            .addToAdditionalProperties(
                "data", Map.of(ENTRY_KEY, Base64.getEncoder().encodeToString(json)))
            .build());
  }

  public void removeDesired(String name) {
    kube.delete(KubeKind.SECRET, "v1", namespace, DESIRED_PREFIX + name);
  }

  private static Optional<DesiredEntry> entry(GenericKubernetesResource secret) {
    Object data = secret.getAdditionalProperties().get("data");
    if (!(data instanceof Map<?, ?> map) || !(map.get(ENTRY_KEY) instanceof String encoded)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Base64.getDecoder().decode(encoded), DesiredEntry.class));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
