package io.fluxrp.agent.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.TestKubernetes;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed loop against the real server, with pages of two entries: a snapshot spans pages, its end
 * retires what it did not list, and the position is stored only once a snapshot is complete.
 */
class FeedLoopTest {
  @TempDir Path dir;
  private TestServer server;
  private TestKubernetes kube;
  private String clusterId;
  private Path tokenFile;
  private AgentState state;
  private DesiredStates desired;
  private final List<String> changed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server =
        TestServer.start(
            c ->
                c.toBuilder()
                    .autoRegisterEmulatedClusters(false)
                    .runEmulatedClusters(false)
                    .build());
    kube = TestKubernetes.start();
    clusterId = AdminApi.clusterId("feed-loop");
    tokenFile =
        Files.writeString(
            dir.resolve("token"), new AdminApi(server.client()).registerAgent(clusterId));
    state = new AgentState(new KubeApi(kube.client()), "fluxrp-system", clusterId);
    state.prepare();
    desired = new DesiredStates(state);
  }

  @AfterEach
  void stop() {
    kube.close();
    server.close();
  }

  private void create(String name) {
    ArmClient.Response put =
        server.client().put(ArmClient.v(AdminApi.configuration(clusterId, name)), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);
  }

  private FeedLoop loop() {
    ServerClient client =
        new ServerClient(server.server().baseUri(), clusterId, new TokenFile(tokenFile), null);
    return new FeedLoop(client, state, desired, changed::add, 2);
  }

  private void runUntil(FeedLoop loop, String what, java.util.function.BooleanSupplier done) {
    Thread thread = Thread.ofVirtual().start(loop);
    try {
      Await.until(what, done);
    } finally {
      loop.stop();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSnapshotOverSeveralPagesStoresEveryEntryAndThenThePosition() {
    List.of("a", "b", "c", "d", "e").forEach(this::create);

    FeedLoop loop = loop();
    runUntil(
        loop, "five desired states", () -> desired.names().size() == 5 && state.position() > 0);

    assertThat(changed).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(state.desiredStates().keySet()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
  }

  @Test
  void aTakeoverSnapshotRetiresTheConfigurationsItDoesNotList() throws Exception {
    List.of("a", "b", "c", "d", "e").forEach(this::create);
    runUntil(
        loop(), "five desired states", () -> desired.names().size() == 5 && state.position() > 0);
    long before = state.position();

    AdminApi admin = new AdminApi(server.client());
    admin.changeKind(clusterId, "emulated");
    ArmClient.Response delete =
        server.client().delete(ArmClient.v(AdminApi.configuration(clusterId, "c")));
    server.syncClusters();
    assertThat(
            server
                .client()
                .awaitOperation(delete.header("Azure-AsyncOperation").orElseThrow())
                .path("status")
                .asText())
        .isEqualTo("Succeeded");
    Files.writeString(tokenFile, admin.changeKind(clusterId, "agent"));
    changed.clear();

    runUntil(
        loop(),
        "'c' retired",
        () ->
            desired.get("c").map(DesiredEntry::forceDeleted).orElse(false)
                && state.position() > before);

    assertThat(desired.get("c").orElseThrow().deleted()).isTrue();
    assertThat(changed).contains("c");
    assertThat(desired.names().stream().filter(n -> !desired.get(n).orElseThrow().deleted()))
        .containsExactlyInAnyOrder("a", "b", "d", "e");
  }
}
