package io.fluxrp.agent.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.model.agentapi.DesiredEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page of desired states stored several at a time, each announced once stored. */
class DesiredStatesTest {
  private TestKubernetes kube;
  private AgentState state;
  private DesiredStates desired;
  private final List<String> stored = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    kube = TestKubernetes.start();
    state = new AgentState(new KubeApi(kube.client()), "fluxrp-system", "cluster");
    state.prepare();
    desired = new DesiredStates(state);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private static DesiredEntry entry(String name, long generation) {
    ObjectNode properties = JsonNodeFactory.instance.objectNode().put("namespace", name + "-ns");
    return new DesiredEntry(
        name, "/id/" + name, generation, generation, "op", false, false, properties, 0);
  }

  private static List<DesiredEntry> page(int count) {
    return IntStream.range(0, count).mapToObj(i -> entry("c" + i, 1)).toList();
  }

  @Test
  void everyEntryOfAPageIsStoredAndAnnouncedOnce() {
    List<DesiredEntry> page = page(3 * DesiredStates.WRITERS);

    desired.putAll(page, stored::add);

    List<String> names = page.stream().map(DesiredEntry::name).toList();
    assertThat(stored).containsExactlyInAnyOrderElementsOf(names);
    assertThat(state.desiredStates().keySet()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(desired.names()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void whatIsStoredAlreadyIsNeitherWrittenNorAnnouncedAgain() {
    desired.putAll(page(4), stored::add);
    stored.clear();
    kube.clearRequests();

    desired.putAll(List.of(entry("c0", 1), entry("c1", 2)), stored::add);

    assertThat(stored).containsExactly("c1");
    assertThat(kube.requests()).hasSize(1);
    assertThat(desired.get("c1").orElseThrow().generation()).isEqualTo(2);
  }

  @Test
  void entriesOfOneNameAreStoredInTheirOrder() {
    desired.putAll(List.of(entry("c0", 1), entry("c1", 1), entry("c0", 2)), stored::add);

    assertThat(stored).containsExactlyInAnyOrder("c0", "c1", "c0");
    assertThat(state.desiredStates().get("c0").generation()).isEqualTo(2);
  }

  @Test
  void aFailedWriteIsThrownAfterTheOthersAreStored() {
    kube.fail(
        request -> request.isApply() && request.path().contains("/fluxrp-desired-c3?"),
        1,
        422,
        "Invalid",
        "injected");

    assertThatThrownBy(() -> desired.putAll(page(6), stored::add))
        .isInstanceOf(KubernetesClientException.class);

    assertThat(stored).containsExactlyInAnyOrder("c0", "c1", "c2", "c4", "c5");
    assertThat(desired.get("c3")).isEmpty();
    desired.putAll(page(6), stored::add);
    assertThat(state.desiredStates()).containsKey("c3");
  }
}
